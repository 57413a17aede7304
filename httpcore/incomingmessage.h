#pragma once

#include "headers.h"
#include "httperror.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QObject>
#include <QPointer>

#include <QIODevice>
namespace http {

class MessageTransport;

/// Node's `http.IncomingMessage` (lib/_http_incoming.js): the request a Server received or
/// the response a ClientRequest received; its body is a readable stream with backpressure.
/// Valid until closed() has been emitted; the connection deletes it later.
class IncomingMessage : public QObject {
    Q_OBJECT
public:
    explicit IncomingMessage(QObject *parent = nullptr);
    ~IncomingMessage() override;

    /// `httpVersion` ("1.1"), `httpVersionMajor`, `httpVersionMinor`.
    QByteArray httpVersion() const;
    int httpVersionMajor() const { return m_versionMajor; }
    int httpVersionMinor() const { return m_versionMinor; }
    /// `method` and `url` (requests).
    const QByteArray &method() const { return m_method; }
    const QByteArray &url() const { return m_url; }
    /// `statusCode` and `statusMessage` (responses).
    int statusCode() const { return m_statusCode; }
    const QByteArray &statusMessage() const { return m_statusMessage; }
    /// `rawHeaders`: name, value, name, value… exactly as received.
    const QByteArrayList &rawHeaders() const { return m_rawHeaders; }
    /// `headers`, built with Node's join rules.
    const Headers &headers() const;
    /// `headersDistinct`: every field with all its values, nothing joined or dropped.
    Headers headersDistinct() const { return Headers::distinctFromRaw(m_rawHeaders); }
    /// `rawTrailers` and `trailers`: filled when the body ends.
    const QByteArrayList &rawTrailers() const { return m_rawTrailers; }
    const Headers &trailers() const { return m_trailers; }
    /// `trailersDistinct`.
    Headers trailersDistinct() const { return Headers::distinctFromRaw(m_rawTrailers); }
    /// `complete`: the whole message was received and parsed.
    bool complete() const { return m_complete; }
    /// `aborted` (a property in Node; the signal aborted() is the event).
    bool isAborted() const { return m_aborted; }
    /// `upgrade`: an Upgrade or CONNECT request handed to upgradeRequested/connectRequested.
    bool upgrade() const { return m_upgrade; }
    /// `socket` (and `connection`).
    QIODevice *socket() const { return m_socket; }
    QIODevice *connection() const { return m_socket; }

    /// `destroy([error])`: a message not yet read to its end is aborted and its socket
    /// destroyed; one read to the end leaves the connection alone. `error` (when set and
    /// listened to) and close follow on a later tick.
    void destroy(const HttpError &error = {});
    /// `destroyed`.
    bool isDestroyed() const { return m_destroyed; }
    /// `setTimeout(msecs)`: the socket's inactivity timeout; timedOut() when it fires.
    void setTimeout(int msecs);

    /// Readable side. With nothing connected to dataReceived(), data waits in memory for read();
    /// connecting to dataReceived() or resume() makes it flow.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    /// `read()`: everything buffered so far.
    QByteArray read();
    qsizetype readableLength() const { return m_buffered; }
    bool readableEnded() const { return m_endEmitted; }
    /// `readableHighWaterMark`: above this many buffered bytes the connection stops reading
    /// (createServer's `highWaterMark`; 16384 by default).
    qsizetype readableHighWaterMark() const { return m_readableHighWaterMark; }
    void setReadableHighWaterMark(qsizetype bytes) { m_readableHighWaterMark = bytes; }

    /// Filled by the connection that parses the message.
    void setHead(int major, int minor, QByteArray method, QByteArray url, int statusCode,
                 QByteArray statusMessage, QByteArrayList rawHeaders, bool joinDuplicates);
    void setTransport(QIODevice *socket, MessageTransport *transport);
    void setUpgrade(bool upgrade) { m_upgrade = upgrade; }
    void pushBody(const QByteArray &data);
    void pushEnd(QByteArrayList rawTrailers);
    /// The connection closed before the message was complete (Node's `_destroy` with ECONNRESET).
    void abort();
    /// Node's `_dump()`: discard unread data so the connection can go on.
    void dump();
    /// Emits timedOut() if anyone listens; returns whether someone did.
    bool emitTimeout();
    /// Emits close once (the request's life is over).
    void emitClose();

Q_SIGNALS:
    /// Node's `data`.
    void dataReceived(const QByteArray &chunk);
    /// Node's `end`: all data was delivered (or, when nobody reads, is waiting in read()).
    void ended();
    /// Node's `aborted`.
    void aborted();
    /// Node's `close`.
    void closed();
    /// Node's `timeout`.
    void timedOut();
    /// Node's `error`.
    void errorOccurred(const HttpError &error);

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    bool flowing() const;
    void flush();
    void maybeEnd();
    void updatePressure();

    int m_versionMajor = 1;
    int m_versionMinor = 1;
    QByteArray m_method;
    QByteArray m_url;
    int m_statusCode = 0;
    QByteArray m_statusMessage;
    QByteArrayList m_rawHeaders;
    mutable Headers m_headers; // built on first use
    mutable bool m_headersBuilt = false;
    QByteArrayList m_rawTrailers;
    Headers m_trailers;
    bool m_joinDuplicates = false;
    bool m_complete = false;
    bool m_aborted = false;
    bool m_upgrade = false;
    bool m_paused = false;
    bool m_resumed = false;     // resume() was called: flowing without a data listener
    bool m_readStarted = false; // the first flowing tick has run (Node's state.sync is false)
    bool m_dumped = false;
    bool m_endPending = false;
    bool m_endEmitted = false;
    bool m_closed = false;
    bool m_destroyed = false;
    bool m_closeHeld = false; // destroy() emits close itself, after its error
    bool m_pressure = false;
    QByteArrayList m_buffer;
    qsizetype m_buffered = 0;
    QPointer<QIODevice> m_socket;
    MessageTransport *m_transport = nullptr;
    qsizetype m_readableHighWaterMark = 16384;
};

} // namespace http
