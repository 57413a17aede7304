#pragma once

#include "headers.h"
#include "httperror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <optional>

#include <QIODevice>

namespace http {

/// Node's `OutgoingMessage` (lib/_http_outgoing.js): the base of ServerResponse and
/// ClientRequest. Keeps the header store, decides Content-Length vs chunked vs close-delimited,
/// frames chunks and trailers, and buffers output until it owns a socket.
class OutgoingMessage : public QObject {
    Q_OBJECT
public:
    /// Ordered header pairs, as Node's `[[name, value], …]` arrays.
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    explicit OutgoingMessage(QObject *parent = nullptr);
    ~OutgoingMessage() override;

    /// `setHeader(name, value)`: replaces any value; name case is kept for the wire.
    HttpError setHeader(const QByteArray &name, const QByteArray &value);
    /// `setHeader(name, [values])`: one header line per value (`cookie` joined with "; ").
    HttpError setHeader(const QByteArray &name, const QByteArrayList &values);
    /// `setHeaders(map)`: setHeader() for each pair in order, as for a Map (a name set again
    /// replaces the earlier value), except that `set-cookie` values are gathered into one list.
    /// Stops at the first error.
    HttpError setHeaders(const HeaderList &headers);
    /// `appendHeader(name, value)`.
    HttpError appendHeader(const QByteArray &name, const QByteArray &value);
    /// `getHeader(name)`: the value (list values joined with ", "); null when absent.
    QByteArray getHeader(QByteArrayView name) const;
    /// `getHeader(name)` for list values.
    QByteArrayList getHeaderValues(QByteArrayView name) const;
    /// `getHeaderNames()`: lower-case names in insertion order.
    QByteArrayList getHeaderNames() const;
    /// `getRawHeaderNames()`: names as set.
    QByteArrayList getRawHeaderNames() const;
    /// `getHeaders()`: a copy keyed by lower-case name.
    Headers getHeaders() const;
    /// `hasHeader(name)`.
    bool hasHeader(QByteArrayView name) const;
    /// `removeHeader(name)`: also stops the automatic Date / Connection / length headers.
    HttpError removeHeader(QByteArrayView name);
    /// `addTrailers(headers)`: sent after the last chunk; dropped when the body is not chunked.
    HttpError addTrailers(const HeaderList &trailers);

    /// `write(chunk)`: false when the data was queued in memory (wait for `drained()`).
    /// Errors (write after end, invalid headers) are emitted as errorOccurred().
    bool write(const QByteArray &chunk);
    /// `end([data])`: finishes the message; the errors Node throws are returned.
    HttpError end(const QByteArray &data = {});
    /// `flushHeaders()`: sends the head now.
    HttpError flushHeaders();
    /// `cork()` / `uncork()`: hold writes in memory and send them together.
    void cork();
    void uncork();
    /// `destroy()`: closes the underlying socket.
    void destroy();

    bool headersSent() const { return !m_header.isNull(); }
    bool writableEnded() const { return m_finished; }
    bool writableFinished() const { return m_writableFinished; }
    /// `finished` (a property in Node; the signal finished() is the `finish` event).
    bool isFinished() const { return m_finished; }
    /// `destroyed`: destroy() was called, the message closed, or (a request) its socket went
    /// back to the agent after the response.
    bool isDestroyed() const { return m_destroyed; }
    bool writableNeedDrain() const { return m_needDrain && !m_finished && !m_destroyed; }
    /// `writableHighWaterMark`: write() returns false from this many queued bytes on
    /// (createServer's `highWaterMark` for a response; 16384 by default).
    qint64 writableHighWaterMark() const { return m_highWaterMark; }
    /// Node's `kUniqueHeaders` (the `uniqueHeaders` option): fields sent on one line, their
    /// values joined with "; ", even when set as a list.
    QByteArrayList uniqueHeaders() const { return m_uniqueHeaders; }
    void setUniqueHeaders(const QByteArrayList &names) { m_uniqueHeaders = names; }
    /// `strictContentLength`: with a Content-Length set, a body of another length is refused
    /// with ERR_HTTP_CONTENT_LENGTH_MISMATCH (end() returns it; write() emits it at once, where
    /// Node throws) and nothing of that call is sent.
    bool strictContentLength() const { return m_strictContentLength; }
    void setStrictContentLength(bool on) { m_strictContentLength = on; }
    bool sendDate() const { return m_sendDate; }
    void setSendDate(bool on) { m_sendDate = on; }
    /// `socket` (and `connection`): null until the message owns a connection.
    QIODevice *socket() const { return m_socket; }
    QIODevice *connection() const { return m_socket; }
    /// Node's `shouldKeepAlive` / `chunkedEncoding` / `_last` as decided by the head.
    bool shouldKeepAlive() const { return m_shouldKeepAlive; }
    bool chunkedEncoding() const { return m_chunkedEncoding; }
    bool isLast() const { return m_last; }
    /// The head exactly as it goes on the wire (Node's `_header`).
    QByteArray rawHeader() const { return m_header; }

Q_SIGNALS:
    /// Node's `finish`: the whole message was handed to the socket.
    void finished();
    /// Node's `close`: the message is done, or its connection closed first.
    void closed();
    /// Node's `drain`.
    void drained();
    /// Node's `error` event.
    void errorOccurred(const HttpError &error);

protected:
    struct HeaderEntry {
        QByteArray name;
        QByteArrayList values;
        bool isList = false;
    };

    /// Node's `_implicitHeader()`: writes the start line and head when the body starts.
    virtual HttpError implicitHeader() = 0;
    /// Runs just before finished() is emitted (Node's first 'finish' listener: the server's or
    /// the agent's bookkeeping).
    virtual void finishedHook() {}
    /// The status code the head carries (0 for requests).
    virtual int statusForHead() const { return 0; }
    /// True when the message goes through an Agent (client requests keep alive by default).
    virtual bool isClientAgent() const { return false; }
    /// Node's `_storeHeader(firstLine, headers)`; `direct` headers bypass the store.
    HttpError storeHeader(const QByteArray &firstLine, const QList<HeaderEntry> *direct = nullptr);
    /// Writes bytes that bypass framing (1xx answers), before or after the head.
    void writeRaw(const QByteArray &data);
    /// The message got its socket (its turn in the pipeline): flush queued output.
    void assignSocket(QIODevice *socket);
    void detachSocket();
    /// Emits close once.
    void emitClose();
    /// Node's socketOnDrain(): the socket's backlog went down; emit drained() if a write asked.
    void socketDrained();
    void markDestroyed() { m_destroyed = true; }
    /// The length end() gives the head (Node's `_contentLength`); -1: none.
    void setContentLength(qint64 length)
    {
        m_contentLength = length >= 0 ? std::optional<qint64>(length) : std::nullopt;
    }

    const QList<HeaderEntry> &headerEntries() const { return m_headers; }
    /// Node's `_headerSent`: the head has been handed to the socket (or its queue).
    bool headerWritten() const { return m_headerSent; }

    bool m_hasBody = true;
    bool m_shouldKeepAlive = true;
    bool m_useChunkedEncodingByDefault = true;
    bool m_last = false;
    qint64 m_highWaterMark = 16384; ///< writableHighWaterMark
    bool m_sendDate = false;
    bool m_maxRequestsOnConnectionReached = false;
    int m_keepAliveTimeout = 0;
    int m_maxRequestsPerSocket = 0;

private:
    HeaderEntry *findHeader(QByteArrayView name);
    bool isUniqueHeader(QByteArrayView name) const;
    /// Node's strictContentLength(msg): whether the check applies now.
    bool contentLengthIsStrict() const;
    /// Counts `length` body bytes (Node's kBytesWritten) and checks them against the head.
    HttpError countBodyBytes(qint64 length, bool fromEnd);
    const HeaderEntry *findHeader(QByteArrayView name) const;
    bool writeBody(const QByteArray &chunk, bool fromEnd);
    void send(const QByteArray &data);
    void flushOutput();
    void finishWhenFlushed();

    QList<HeaderEntry> m_headers;
    QByteArrayList m_uniqueHeaders;
    bool m_strictContentLength = false;
    qint64 m_bytesWritten = 0; // counted while strictContentLength is on
    QByteArray m_header;       // null until the head is stored (Node's `_header`)
    bool m_headerSent = false;
    QByteArray m_trailer;
    QByteArray m_output; // bytes waiting for a socket, or for uncork()
    int m_corked = 0;
    bool m_chunkedEncoding = false;
    bool m_defaultKeepAlive = true;
    bool m_removedConnection = false;
    bool m_removedContLen = false;
    bool m_removedTE = false;
    std::optional<qint64> m_contentLength;
    bool m_finished = false;
    bool m_finishPending = false;
    bool m_writableFinished = false;
    bool m_needDrain = false;
    bool m_destroyed = false;
    bool m_closed = false;
    QPointer<QIODevice> m_socket;
};

} // namespace http
