#pragma once

#include "outgoingmessage.h"

namespace http {

class IncomingMessage;
class MessageTransport;
class ServerConnection;

/// Node's `http.ServerResponse` (lib/_http_server.js): the answer to one request, created by
/// the Server and handed over with requestReceived(). Valid until closed() has been emitted.
class ServerResponse : public OutgoingMessage {
    Q_OBJECT
public:
    explicit ServerResponse(IncomingMessage *req, QObject *parent = nullptr);

    /// `req`: the request this answers.
    IncomingMessage *req() const { return m_req; }
    /// `statusCode` (default 200) and `statusMessage` (null: the standard phrase).
    int statusCode() const { return m_statusCode; }
    void setStatusCode(int code) { m_statusCode = code; }
    QByteArray statusMessage() const { return m_statusMessage; }
    void setStatusMessage(const QByteArray &message) { m_statusMessage = message; }

    /// `writeHead(statusCode[, statusMessage][, headers])`. With headers set by setHeader() the
    /// given ones are merged into the store; otherwise they are sent exactly as listed.
    HttpError writeHead(int statusCode, const QByteArray &statusMessage = QByteArray(),
                        const HeaderList &headers = {});
    HttpError writeHead(int statusCode, const HeaderList &headers);
    /// `writeContinue()`: `HTTP/1.1 100 Continue`.
    void writeContinue();
    /// `writeProcessing()`: `HTTP/1.1 102 Processing`.
    void writeProcessing();
    /// `writeEarlyHints(hints)`: `HTTP/1.1 103 Early Hints` with the `links` joined by ", " on
    /// one Link line, then the other hints; nothing without a link. A link not shaped as
    /// `</styles.css>; rel=preload` gets Node's ERR_INVALID_ARG_VALUE. Other hints must be valid
    /// header lines (Node 20 writes them unchecked, CR LF included).
    HttpError writeEarlyHints(const QByteArrayList &links, const HeaderList &hints = {});
    /// `setTimeout(msecs)`: the socket's inactivity timeout; timedOut() when it fires.
    void setTimeout(int msecs);

Q_SIGNALS:
    /// Node's `timeout` on the response.
    void timedOut();

protected:
    HttpError implicitHeader() override;
    int statusForHead() const override { return m_statusCode; }
    void finishedHook() override;

private:
    friend class ServerConnection;
    bool emitTimeout();

    IncomingMessage *m_req;
    MessageTransport *m_transport = nullptr;
    ServerConnection *m_connection = nullptr;
    int m_statusCode = 200;
    QByteArray m_statusMessage;
    bool m_expectContinue = false;
    bool m_sent100 = false;
};

} // namespace http
