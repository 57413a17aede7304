#pragma once

#include "httperror.h"
#include "httpparser.h"
#include "messagetransport.h"

#include <QBasicTimer>
#include <QList>
#include <QObject>

namespace http {

class IncomingMessage;
class Server;
class StreamSocket;
class ServerResponse;

/// Node's per-connection `state` in lib/_http_server.js: the parser, the requests in flight,
/// the responses queued behind them (pipelining), and the connection's timers.
class ServerConnection : public QObject, private HttpParser::Handler, public MessageTransport {
    Q_OBJECT
public:
    ServerConnection(Server *server, StreamSocket *socket);
    ~ServerConnection() override;

    StreamSocket *socket() const { return m_socket; }
    /// No request in flight (Node's idle list).
    bool isIdle() const;
    /// Closes after flushing what was written.
    void endSoon();

    /// Node's resOnFinish(): the response went out; the next one may use the socket.
    void responseFinished(IncomingMessage *req, ServerResponse *res);

    void setReadingPaused(bool paused) override;
    void setSocketTimeout(int msecs) override;
    void destroySocket() { destroySocket(HttpError()); }
    /// A request destroyed with an error: Node's socketOnError hears it (clientError).
    void destroySocket(const HttpError &error) override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum PauseReason { BodyPressure = 1, PipelinePressure = 2 };

    void onReadyRead();
    /// The peer's FIN, once everything before it is parsed: Node's socketOnEnd.
    void maybeEndInput();
    void onDisconnected();
    void parse(const QByteArray &data);
    void onMessageBegin() override;
    int onHeadersComplete(HttpParser::Head &head) override;
    void onBody(const char *data, qsizetype length) override;
    void onMessageComplete(QByteArrayList &rawTrailers) override;
    int onIncoming(IncomingMessage *req, bool keepAlive);
    void assign(ServerResponse *res);
    void handleUpgrade(const QByteArray &head);
    void socketOnError(const HttpError &error);
    void socketOnTimeout();
    void touch();
    void scheduleTimer();
    void updatePipelinePressure();
    void detachFromSocket();

    Server *m_server;
    StreamSocket *m_socket;
    HttpParser m_parser;
    IncomingMessage *m_parsing = nullptr; // Node's parser.incoming
    IncomingMessage *m_upgrade = nullptr; // an Upgrade/CONNECT request being handed over
    QList<IncomingMessage *> m_incoming;
    QList<ServerResponse *> m_outgoing;  // answers waiting for their turn
    ServerResponse *m_current = nullptr; // Node's socket._httpMessage
    bool m_peerEnded = false;            // the peer finished sending
    int m_requestCount = 0;              // Node's state.requestsCount (maxRequestsPerSocket)
    int m_paused = 0;
    bool m_errored = false;
    bool m_gone = false;
    // Timers: Node's headersTimeout/requestTimeout (while a message is "active") and the
    // socket inactivity timeout (server.timeout, or keepAliveTimeout + 1 s between requests).
    bool m_active = true;
    qint64 m_messageStart = 0;
    qint64 m_lastActivity = 0;
    int m_socketTimeout = 0;
    bool m_keepAliveTimeoutSet = false;
    QBasicTimer m_timer;
    qint64 m_timerDue = 0;
};

} // namespace http
