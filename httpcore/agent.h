#pragma once

#include "streamsocket.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaMethod>
#include <QObject>
#include <QPointer>
#include <QString>

#include <climits>

class QTimer;

namespace http {

class ClientRequest;

/// Node's `http.Agent` (lib/_http_agent.js): the pool of client connections, grouped by
/// getName(). Beyond Node, every pool change is a signal (socketCreated … requestDequeued) with
/// the group name, a stable socket id and the request, computed only when someone listens.
class Agent : public QObject {
    Q_OBJECT
    Q_MOC_INCLUDE("clientrequest.h")
public:
    enum class Scheduling { Lifo, Fifo };

    /// `new Agent(options)`.
    struct Options {
        bool keepAlive = false;
        int keepAliveMsecs = 1000;
        int maxSockets = INT_MAX; ///< Infinity
        int maxFreeSockets = 256;
        int maxTotalSockets = INT_MAX; ///< Infinity
        int timeout = 0;               ///< socket idle timeout in ms; 0: none
        Scheduling scheduling = Scheduling::Lifo;
        /// "http:", or "https:" for an https.Agent (TLS connections, default port 443).
        QString protocol = QStringLiteral("http:");
    };

    /// What getName() and createConnection() see of a request: net.connect()'s options.
    using ConnectOptions = StreamSocket::ConnectOptions;

    explicit Agent(QObject *parent = nullptr);
    explicit Agent(const Options &options, QObject *parent = nullptr);
    ~Agent() override;

    /// `agent.getName(options)`: `host:port:localAddress[:family][:socketPath]`; TLS groups
    /// add `:tls:servername` (and `:insecure` when certificates are not checked).
    virtual QString getName(const ConnectOptions &options) const;
    /// `agent.createConnection(options)`: a new, connecting socket (owned by the agent).
    virtual StreamSocket *createConnection(const ConnectOptions &options);
    /// `agent.keepSocketAlive(socket)`: false when the socket must not be kept (e.g. the
    /// server's `Keep-Alive: timeout` is too short to reuse it safely).
    virtual bool keepSocketAlive(StreamSocket *socket);
    /// `agent.reuseSocket(socket, request)`.
    virtual void reuseSocket(StreamSocket *socket, ClientRequest *request);
    /// `agent.destroy()`: closes every socket, busy or free.
    void destroy();
    /// `agent.addRequest(req, options)`: gives the request a socket now or when one frees up.
    void addRequest(ClientRequest *request, const ConnectOptions &options);

    /// `agent.sockets`, `agent.freeSockets`, `agent.requests`.
    const QMap<QString, QList<StreamSocket *>> &sockets() const { return m_sockets; }
    const QMap<QString, QList<StreamSocket *>> &freeSockets() const { return m_freeSockets; }
    const QMap<QString, QList<ClientRequest *>> &requests() const { return m_requests; }
    /// `agent.maxSockets`, `agent.maxFreeSockets` and the other options.
    int maxSockets() const { return m_options.maxSockets; }
    int maxFreeSockets() const { return m_options.maxFreeSockets; }
    bool keepAlive() const { return m_options.keepAlive; }
    const Options &options() const { return m_options; }
    /// Assigning `agent.keepAlive`, `agent.maxSockets`… on a live agent: as in Node, the pool
    /// looks at them at its next decision (a request added, a socket freed or closed); queued
    /// requests do not move before that. The protocol stays.
    void setOptions(const Options &options);
    /// `agent.defaultPort`: 80, or 443 for https.
    int defaultPort() const { return m_options.protocol == QLatin1String("https:") ? 443 : 80; }
    int totalSocketCount() const { return m_totalSocketCount; }
    /// A stable id for a socket of this agent (1, 2, …); 0 if unknown.
    quint64 socketId(const StreamSocket *socket) const;
    /// The pool (getName()) a socket of this agent belongs to; empty if unknown.
    QString socketPool(const StreamSocket *socket) const { return m_info.value(socket).name; }

Q_SIGNALS:
    void socketCreated(const QString &name, quint64 socket, ClientRequest *request);
    /// TLS: the TCP connection is up and the handshake starts.
    void socketHandshake(const QString &name, quint64 socket);
    /// The socket can carry data (`connect`, or `secureConnect` under TLS); `localPort` as
    /// Node's `socket.localPort`.
    void socketConnected(const QString &name, quint64 socket, quint16 localPort);
    void socketAssigned(const QString &name, quint64 socket, ClientRequest *request);
    void socketReused(const QString &name, quint64 socket, ClientRequest *request);
    void socketFreed(const QString &name, quint64 socket);
    /// `reason`: "closed" (by the server), "error ECONNRESET" (the code), "timeout", "pool full",
    /// "not kept alive", "request destroyed", "agent destroyed", …
    void socketDestroyed(const QString &name, quint64 socket, const QString &reason);
    /// `limit`: what held the request, "maxSockets" or "maxTotalSockets".
    void requestQueued(const QString &name, ClientRequest *request, const QString &limit);
    void requestDequeued(const QString &name, ClientRequest *request);
    /// A queued request was deleted before it got a socket (the C++ object is gone; Node's
    /// destroyed request would wait in `requests` for one). `request` is for identity only.
    void requestRemoved(const QString &name, ClientRequest *request);

private:
    friend class ClientRequest;
    struct SocketInfo {
        ConnectOptions options;
        QString name;
        quint64 id = 0;
        QTimer *idleTimer = nullptr;
        QString destroyReason;
        QPointer<ClientRequest> request; ///< Node's socket._httpMessage
    };

    /// Node's 'free' event: the socket's request is done with it.
    void socketFree(StreamSocket *socket, bool requestKeepsAlive);
    /// Node's `agentRemove`: an upgraded socket leaves the pool.
    void detachSocket(StreamSocket *socket);
    void createSocket(ClientRequest *request, const ConnectOptions &options);
    void setRequestSocket(ClientRequest *request, StreamSocket *socket);
    /// Node's `removeSocket()` in two steps: out of `sockets` (and `freeSockets` once closed),
    /// then, when requests wait, a new socket for one of them.
    void dropSocket(StreamSocket *socket, const QString &name);
    void serveQueue(const QString &name, const ConnectOptions &options);
    void destroySocket(StreamSocket *socket, const QString &reason);
    /// Why the socket is going, for socketDestroyed (the first reason given stays).
    void noteEnding(StreamSocket *socket, const QString &reason);
    void onSocketClosed(StreamSocket *socket);
    template<typename Signal> bool observed(Signal signal) const
    {
        return isSignalConnected(QMetaMethod::fromSignal(signal));
    }

    Options m_options;
    QMap<QString, QList<StreamSocket *>> m_sockets;
    QMap<QString, QList<StreamSocket *>> m_freeSockets;
    QMap<QString, QList<ClientRequest *>> m_requests;
    QHash<const StreamSocket *, SocketInfo> m_info;
    QHash<ClientRequest *, ConnectOptions> m_queuedOptions;
    int m_totalSocketCount = 0;
    quint64 m_nextSocketId = 1;
};

} // namespace http
