#pragma once

#include "http.h"
#include "httperror.h"

#include <QByteArray>
#include <QList>
#include <QMetaMethod>
#include <QObject>
#include <QString>

#include <functional>

class QIODevice;

namespace http {

class IncomingMessage;
class Listener;
class ServerConnection;
class ServerResponse;

/// Node's `http.Server` (lib/_http_server.js). Signals follow httpcore/README.md's table; the
/// sockets they carry are StreamSockets. Single-threaded: it serves from the thread it lives in.
class Server : public QObject {
    Q_OBJECT
    Q_MOC_INCLUDE("incomingmessage.h")
    Q_MOC_INCLUDE("serverresponse.h")
public:
    explicit Server(const http::ServerOptions &options = {}, QObject *parent = nullptr);
    ~Server() override;

    /// `server.listen(port[, host][, backlog])`: port 0 picks a free port; an empty host means
    /// every interface (as Node does); a name is looked up and its first address used, as
    /// Node's dns.lookup does (blocking here). Returns ENOTFOUND, EADDRINUSE, EACCES… when the
    /// address cannot be used; listening() follows on the next tick otherwise.
    HttpError listen(quint16 port = 0, const QString &host = QString(), int backlog = 511);
    /// `server.listen(path[, backlog])`: a Unix domain socket.
    HttpError listen(const QString &path, int backlog = 511);
    /// `server.listening`.
    bool isListening() const;
    /// `server.address()`: the bound address and port (or the socket path).
    QString address() const;
    quint16 port() const;
    /// `server.close()`: stops accepting, closes idle connections, lets busy ones finish their
    /// response; closed() is emitted when the last connection is gone.
    void close();
    /// `server.closeAllConnections()` / `server.closeIdleConnections()`.
    void closeAllConnections();
    void closeIdleConnections();
    /// `server.emit('connection', socket)`: serves a connected descriptor (a socketpair's end,
    /// an inherited socket) as if it had been accepted; the server owns it from here.
    void serveConnection(qintptr descriptor);
    /// `server.setTimeout(msecs)`: socket inactivity timeout (0: none); timedOut() fires.
    void setTimeout(int msecs) { m_options.timeout = msecs; }

    /// `server.timeout`, `headersTimeout`, `requestTimeout`, `keepAliveTimeout` (ms),
    /// `maxHeadersCount` (0: Node's 2000), `maxHeaderSize` and `requireHostHeader`.
    int timeout() const { return m_options.timeout; }
    int headersTimeout() const { return m_options.headersTimeout; }
    void setHeadersTimeout(int ms) { m_options.headersTimeout = ms; }
    int requestTimeout() const { return m_options.requestTimeout; }
    void setRequestTimeout(int ms) { m_options.requestTimeout = ms; }
    int keepAliveTimeout() const { return m_options.keepAliveTimeout; }
    void setKeepAliveTimeout(int ms) { m_options.keepAliveTimeout = ms; }
    int maxHeadersCount() const { return m_options.maxHeadersCount; }
    void setMaxHeadersCount(int count) { m_options.maxHeadersCount = count; }
    int maxHeaderSize() const { return m_options.maxHeaderSize; }
    bool requireHostHeader() const { return m_options.requireHostHeader; }
    /// `server.maxRequestsPerSocket` (0: no limit).
    int maxRequestsPerSocket() const { return m_options.maxRequestsPerSocket; }
    void setMaxRequestsPerSocket(int count) { m_options.maxRequestsPerSocket = count; }
    const http::ServerOptions &options() const { return m_options; }
    /// Open connections (Node's internal connections list).
    int connectionCount() const { return int(m_connections.size()); }
    /// Connections closed on arrival because the process was out of descriptors (EMFILE).
    qint64 droppedCount() const;

Q_SIGNALS:
    /// Node's `listening`.
    void listening();
    /// Node's `request`.
    void requestReceived(IncomingMessage *req, ServerResponse *res);
    /// Node's `connection`.
    void connectionAccepted(QIODevice *socket);
    /// Node's `connect`: the socket now belongs to the receiver. Nobody connected: closed.
    void connectRequested(IncomingMessage *req, QIODevice *socket, const QByteArray &head);
    /// Node's `upgrade`: the socket now belongs to the receiver. Nobody connected: the request
    /// is answered as an ordinary one.
    void upgradeRequested(IncomingMessage *req, QIODevice *socket, const QByteArray &head);
    /// Node's `clientError`: the receiver answers and closes the socket. Nobody connected:
    /// Node's canned 400/408/413/431 answer, then close.
    void clientErrorOccurred(const HttpError &error, QIODevice *socket);
    /// Node's `dropRequest`: a request beyond maxRequestsPerSocket, answered with 503.
    void requestDropped(IncomingMessage *req, QIODevice *socket);
    /// Node's `checkContinue`. Nobody connected: `100 Continue`, then requestReceived().
    void continueExpected(IncomingMessage *req, ServerResponse *res);
    /// Node's `checkExpectation`. Nobody connected: `417 Expectation Failed`.
    void expectationReceived(IncomingMessage *req, ServerResponse *res);
    /// Node's `timeout`: a socket was idle for `timeout` ms. Nobody connected: it is closed.
    void timedOut(QIODevice *socket);
    /// Node's `close`.
    void closed();
    /// Beyond Node's events (libuv does it silently): out of descriptors, `count` new
    /// connections were accepted and closed at once. droppedCount() totals them.
    void connectionsDropped(int count);

private:
    friend class ServerConnection;
    template<typename Signal> bool hasListener(Signal signal) const
    {
        return isSignalConnected(QMetaMethod::fromSignal(signal));
    }
    /// listen()'s common part: `bind` sets the listener up.
    HttpError start(const std::function<HttpError(Listener &)> &bind);
    void connectionGone(ServerConnection *connection);

    http::ServerOptions m_options;
    Listener *m_listener = nullptr;
    QList<ServerConnection *> m_connections;
    bool m_closing = false;
};

} // namespace http
