#include "agent.h"

#include "clientrequest.h"
#include "incomingmessage.h"
#include "streamsocket.h"

#include <QTimer>

#include <cctype>

namespace http {

namespace {

// Node reuses a socket only if the server's `Keep-Alive: timeout` leaves this much margin.
constexpr int kKeepAliveTimeoutBuffer = 1000;

} // namespace

Agent::Agent(QObject *parent)
    : Agent(Options(), parent)
{
}

Agent::Agent(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

Agent::~Agent()
{
    for (auto it = m_info.cbegin(); it != m_info.cend(); ++it)
        const_cast<StreamSocket *>(it.key())->disconnect(this);
}

QString Agent::getName(const ConnectOptions &options) const
{
    QString name = options.host.isEmpty() ? QStringLiteral("localhost") : options.host;
    name += u':';
    if (options.port)
        name += QString::number(options.port);
    name += u':';
    name += options.localAddress;
    if (options.family == 4 || options.family == 6)
        name += u':' + QString::number(options.family);
    if (!options.socketPath.isEmpty())
        name += u':' + options.socketPath;
    if (options.tls)
        name += QStringLiteral(":tls:") + options.servername +
                (options.rejectUnauthorized ? QString() : QStringLiteral(":insecure"));
    return name;
}

StreamSocket *Agent::createConnection(const ConnectOptions &options)
{
    auto *socket = new StreamSocket(this);
    socket->connectTo(options);
    return socket;
}

void Agent::setOptions(const Options &options)
{
    const QString protocol = m_options.protocol;
    m_options = options;
    m_options.protocol = protocol;
}

quint64 Agent::socketId(const StreamSocket *socket) const
{
    return m_info.value(socket).id;
}

void Agent::addRequest(ClientRequest *request, const ConnectOptions &options)
{
    const QString name = getName(options);
    StreamSocket *socket = nullptr;
    auto free = m_freeSockets.find(name);
    if (free != m_freeSockets.end()) {
        QList<StreamSocket *> &list = free.value();
        while (!list.isEmpty() && !list.first()->isConnected())
            list.removeFirst();
        if (!list.isEmpty())
            socket = m_options.scheduling == Scheduling::Fifo ? list.takeFirst() : list.takeLast();
        if (list.isEmpty())
            m_freeSockets.erase(free);
    }
    const qsizetype freeLen = m_freeSockets.value(name).size();
    const qsizetype sockLen = freeLen + m_sockets.value(name).size();

    if (socket) {
        SocketInfo &info = m_info[socket];
        if (info.idleTimer)
            info.idleTimer->stop();
        reuseSocket(socket, request);
        m_sockets[name].append(socket);
        if (observed(&Agent::socketReused))
            emit socketReused(name, info.id, request);
        setRequestSocket(request, socket);
    } else if (sockLen < m_options.maxSockets && m_totalSocketCount < m_options.maxTotalSockets) {
        createSocket(request, options);
    } else {
        m_requests[name].append(request);
        m_queuedOptions.insert(request, options);
        connect(request, &QObject::destroyed, this, [this, request, name] {
            auto it = m_requests.find(name);
            if (it != m_requests.end() && it->removeOne(request) && it->isEmpty())
                m_requests.erase(it);
            m_queuedOptions.remove(request);
            if (observed(&Agent::requestRemoved))
                emit requestRemoved(name, request);
        });
        if (observed(&Agent::requestQueued))
            emit requestQueued(name, request,
                               sockLen >= m_options.maxSockets ? QStringLiteral("maxSockets")
                                                               : QStringLiteral("maxTotalSockets"));
    }
}

void Agent::createSocket(ClientRequest *request, const ConnectOptions &options)
{
    StreamSocket *socket = createConnection(options);
    if (socket->parent() != this)
        socket->setParent(this);
    SocketInfo &info = m_info[socket];
    info.options = options;
    info.name = getName(options);
    info.id = m_nextSocketId++;
    m_sockets[info.name].append(socket);
    ++m_totalSocketCount;
    connect(socket, &StreamSocket::disconnected, this, [this, socket] { onSocketClosed(socket); });
    connect(socket, &StreamSocket::errorOccurred, this, [this, socket](const HttpError &e) {
        noteEnding(socket, QStringLiteral("error %1").arg(QLatin1String(e.code())));
    });
    if (observed(&Agent::socketConnected))
        connect(socket, &StreamSocket::connected, this, [this, socket] {
            const SocketInfo info = m_info.value(socket);
            emit socketConnected(info.name, info.id, socket->localPort());
        });
    if (observed(&Agent::socketHandshake))
        connect(socket, &StreamSocket::tlsHandshakeStarted, this, [this, socket] {
            const SocketInfo info = m_info.value(socket);
            emit socketHandshake(info.name, info.id);
        });
    if (observed(&Agent::socketCreated))
        emit socketCreated(info.name, info.id, request);
    if (request)
        setRequestSocket(request, socket);
    else
        socketFree(socket, true); // made for a queued request: hand it over
}

void Agent::setRequestSocket(ClientRequest *request, StreamSocket *socket)
{
    SocketInfo &info = m_info[socket];
    info.request = request;
    if (observed(&Agent::socketAssigned))
        emit socketAssigned(info.name, info.id, request);
    request->onSocket(socket);
}

bool Agent::keepSocketAlive(StreamSocket *socket)
{
    socket->setKeepAlive(true, m_options.keepAliveMsecs);
    int timeout = m_options.timeout;
    bool canKeep = true;
    SocketInfo &info = m_info[socket];
    // The server's `Keep-Alive: timeout=N` on the response that just ended bounds the idle time.
    const ClientRequest *request = info.request;
    if (request && request->res()) {
        static const QRegularExpression hint(QStringLiteral("^timeout=(\\d+)"));
        const QRegularExpressionMatch m =
            hint.match(QString::fromLatin1(request->res()->headers().value("keep-alive")));
        if (m.hasMatch()) {
            const int serverTimeout =
                qMax(0, m.captured(1).toInt() * 1000 - kKeepAliveTimeoutBuffer);
            if (serverTimeout == 0)
                canKeep = false;
            else if (serverTimeout < timeout)
                timeout = serverTimeout;
        }
    }
    if (timeout > 0) {
        if (!info.idleTimer) {
            info.idleTimer = new QTimer(socket);
            info.idleTimer->setSingleShot(true);
            connect(info.idleTimer, &QTimer::timeout, this, [this, socket] {
                const QString name = m_info.value(socket).name;
                if (m_freeSockets.value(name).contains(socket))
                    destroySocket(socket, QStringLiteral("timeout"));
            });
        }
        info.idleTimer->start(timeout);
    }
    return canKeep;
}

void Agent::reuseSocket(StreamSocket *, ClientRequest *request)
{
    request->m_reusedSocket = true;
}

void Agent::socketFree(StreamSocket *socket, bool requestKeepsAlive)
{
    if (!m_info.contains(socket))
        return;
    const auto found = m_info.constFind(socket);
    const QString name = found->name;
    if (!socket->isWritable()) { // Node's !socket.writable: closed (connecting is fine)
        destroySocket(socket, QStringLiteral("closed"));
        return;
    }
    auto queued = m_requests.find(name);
    if (queued != m_requests.end() && !queued->isEmpty()) {
        ClientRequest *request = queued->takeFirst();
        if (queued->isEmpty())
            m_requests.erase(queued);
        m_queuedOptions.remove(request);
        request->disconnect(this);
        if (observed(&Agent::requestDequeued))
            emit requestDequeued(name, request);
        setRequestSocket(request, socket);
        return;
    }
    if (!requestKeepsAlive || !m_options.keepAlive) {
        destroySocket(socket, QStringLiteral("not kept alive"));
        return;
    }
    const qsizetype freeLen = m_freeSockets.value(name).size();
    const qsizetype count = freeLen + m_sockets.value(name).size();
    if (m_totalSocketCount > m_options.maxTotalSockets || count > m_options.maxSockets ||
        freeLen >= m_options.maxFreeSockets) {
        destroySocket(socket, QStringLiteral("pool full"));
        return;
    }
    if (!keepSocketAlive(socket)) {
        destroySocket(socket, QStringLiteral("server keep-alive too short"));
        return;
    }
    SocketInfo &info = m_info[socket];
    info.request = nullptr;
    const quint64 id = info.id;
    const ConnectOptions options = info.options;
    dropSocket(socket, name);
    m_freeSockets[name].append(socket);
    if (observed(&Agent::socketFreed))
        emit socketFreed(name, id);
    serveQueue(name, options);
}

void Agent::dropSocket(StreamSocket *socket, const QString &name)
{
    auto drop = [&](QMap<QString, QList<StreamSocket *>> &set) {
        auto it = set.find(name);
        if (it != set.end() && it->removeOne(socket) && it->isEmpty())
            set.erase(it);
    };
    drop(m_sockets);
    if (!socket->isWritable())
        drop(m_freeSockets);
}

void Agent::serveQueue(const QString &name, const ConnectOptions &socketOptions)
{
    if (m_requests.isEmpty())
        return;
    ClientRequest *request = nullptr;
    ConnectOptions options = socketOptions;
    if (auto queued = m_requests.constFind(name);
        queued != m_requests.cend() && !queued->isEmpty()) {
        request = queued->first();
    } else {
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
            if (!m_sockets.value(it.key()).isEmpty())
                break;
            request = it->first();
            options = m_queuedOptions.value(request);
            break;
        }
    }
    if (request)
        createSocket(nullptr, options);
}

void Agent::destroySocket(StreamSocket *socket, const QString &reason)
{
    noteEnding(socket, reason);
    socket->abort();
}

void Agent::noteEnding(StreamSocket *socket, const QString &reason)
{
    const auto it = m_info.find(socket);
    if (it != m_info.end() && it->destroyReason.isEmpty())
        it->destroyReason = reason;
}

void Agent::onSocketClosed(StreamSocket *socket)
{
    if (!m_info.contains(socket))
        return;
    --m_totalSocketCount;
    const SocketInfo info = m_info.take(socket);
    dropSocket(socket, info.name);
    if (observed(&Agent::socketDestroyed))
        emit socketDestroyed(info.name, info.id,
                             info.destroyReason.isEmpty() ? QStringLiteral("closed")
                                                          : info.destroyReason);
    serveQueue(info.name, info.options);
    socket->deleteLater();
}

void Agent::detachSocket(StreamSocket *socket)
{
    if (!m_info.contains(socket))
        return;
    --m_totalSocketCount;
    socket->disconnect(this);
    const SocketInfo info = m_info.take(socket);
    dropSocket(socket, info.name);
    if (info.idleTimer)
        delete info.idleTimer;
    if (observed(&Agent::socketDestroyed))
        emit socketDestroyed(info.name, info.id, QStringLiteral("handed over"));
    serveQueue(info.name, info.options);
}

void Agent::destroy()
{
    const QList<const StreamSocket *> all = m_info.keys();
    for (const StreamSocket *socket : all)
        destroySocket(const_cast<StreamSocket *>(socket), QStringLiteral("agent destroyed"));
}

} // namespace http
