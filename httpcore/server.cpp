#include "server.h"

#include "listener.h"
#include "nexttick.h"
#include "serverconnection.h"
#include "streamsocket.h"

#include <QHostInfo>

namespace http {

Server::Server(const http::ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

Server::~Server()
{
    // Connections are children; make sure no signal reaches a half-destroyed server.
    for (ServerConnection *c : std::as_const(m_connections))
        c->disconnect();
}

HttpError Server::listen(quint16 port, const QString &host, int backlog)
{
    QHostAddress address;
    if (!host.isEmpty() && !address.setAddress(host)) {
        const QList<QHostAddress> found = QHostInfo::fromName(host).addresses();
        if (found.isEmpty())
            return HttpError("ENOTFOUND", QStringLiteral("getaddrinfo ENOTFOUND %1").arg(host));
        address = found.first();
    }
    return start([&](Listener &l) { return l.listenTcp(address, port, backlog); });
}

HttpError Server::listen(const QString &path, int backlog)
{
    return start([&](Listener &l) { return l.listenUnix(path, backlog); });
}

HttpError Server::start(const std::function<HttpError(Listener &)> &bind)
{
    if (isListening())
        return HttpError("ERR_SERVER_ALREADY_LISTEN",
                         QStringLiteral("Listen method has been called more than once"));
    auto listener = std::make_unique<Listener>(this);
    if (HttpError e = bind(*listener))
        return e;
    m_listener = listener.release();
    m_closing = false;
    connect(m_listener, &Listener::accepted, this, &Server::serveConnection);
    connect(m_listener, &Listener::dropped, this, &Server::connectionsDropped);
    NextTick::post(this, [this] { emit listening(); });
    return {};
}

qint64 Server::droppedCount() const
{
    return m_listener ? m_listener->droppedCount() : 0;
}

bool Server::isListening() const
{
    return m_listener && m_listener->isListening();
}

QString Server::address() const
{
    if (!m_listener)
        return {};
    return m_listener->path().isEmpty() ? m_listener->address().toString() : m_listener->path();
}

quint16 Server::port() const
{
    return m_listener ? m_listener->port() : 0;
}

void Server::serveConnection(qintptr descriptor)
{
    auto *socket = new StreamSocket(descriptor);
    if (!m_options.key.isNull())
        socket->startServerTls(m_options.cert, m_options.key);
    auto *connection = new ServerConnection(this, socket);
    m_connections.append(connection);
    emit connectionAccepted(socket);
}

void Server::connectionGone(ServerConnection *connection)
{
    if (!m_connections.removeOne(connection))
        return;
    // Its messages may still have events queued for the next tick (destroy()'s close): the
    // connection goes after them.
    NextTick::post(connection, [connection] { connection->deleteLater(); });
    if (m_closing && m_connections.isEmpty() && !isListening())
        QMetaObject::invokeMethod(this, &Server::closed, Qt::QueuedConnection);
}

void Server::close()
{
    const bool wasListening = isListening();
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
        m_listener = nullptr;
    }
    m_closing = true;
    closeIdleConnections();
    if (wasListening && m_connections.isEmpty())
        QMetaObject::invokeMethod(this, &Server::closed, Qt::QueuedConnection);
}
void Server::closeAllConnections()
{
    const QList<ServerConnection *> all = m_connections;
    for (ServerConnection *c : all)
        c->destroySocket();
}

void Server::closeIdleConnections()
{
    const QList<ServerConnection *> all = m_connections;
    for (ServerConnection *c : all)
        if (c->isIdle())
            c->destroySocket();
}

} // namespace http
