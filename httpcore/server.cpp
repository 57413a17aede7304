#include "server.h"

#include "serverconnection.h"

#include <QFile>
#include <QHostAddress>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace {

HttpError listenError(QAbstractSocket::SocketError error, const QString &what,
                      const QString &detail) {
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return HttpError("EADDRINUSE",
                         QStringLiteral("listen EADDRINUSE: address already in use %1").arg(what));
    case QAbstractSocket::SocketAccessError:
        return HttpError("EACCES", QStringLiteral("listen EACCES: permission denied %1").arg(what));
    case QAbstractSocket::SocketAddressNotAvailableError:
        return HttpError(
            "EADDRNOTAVAIL",
            QStringLiteral("listen EADDRNOTAVAIL: address not available %1").arg(what));
    default:
        return HttpError("ELISTEN", QStringLiteral("listen failed on %1: %2").arg(what, detail));
    }
}

} // namespace

Server::Server(const http::ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options) {}

Server::~Server() {
    // Connections are children; make sure no signal reaches a half-destroyed server.
    for (ServerConnection *c : std::as_const(m_connections))
        c->disconnect();
}

HttpError Server::listen(quint16 port, const QString &host) {
    if (listening())
        return HttpError("ERR_SERVER_ALREADY_LISTEN",
                         QStringLiteral("Listen method has been called more than once"));
    QHostAddress address(QHostAddress::Any);
    if (!host.isEmpty()) {
        if (host == QLatin1String("localhost"))
            address = QHostAddress(QHostAddress::LocalHost);
        else if (!address.setAddress(host))
            return HttpError("ENOTFOUND", QStringLiteral("getaddrinfo ENOTFOUND %1").arg(host));
    }
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(address, port)) {
        const HttpError e = listenError(
            tcp->serverError(),
            QStringLiteral("%1:%2").arg(host.isEmpty() ? QStringLiteral("::") : host).arg(port),
            tcp->errorString());
        delete tcp;
        return e;
    }
    m_tcp = tcp;
    m_closing = false;
    connect(tcp, &QTcpServer::newConnection, this, &Server::acceptTcp);
    return {};
}

HttpError Server::listen(const QString &path) {
    if (listening())
        return HttpError("ERR_SERVER_ALREADY_LISTEN",
                         QStringLiteral("Listen method has been called more than once"));
    auto *local = new QLocalServer(this);
    local->setSocketOptions(QLocalServer::UserAccessOption);
    if (!local->listen(path)) {
        const HttpError e = listenError(local->serverError(), path, local->errorString());
        delete local;
        return e;
    }
    m_local = local;
    m_closing = false;
    connect(local, &QLocalServer::newConnection, this, &Server::acceptLocal);
    return {};
}

bool Server::listening() const {
    return (m_tcp && m_tcp->isListening()) || (m_local && m_local->isListening());
}

QString Server::address() const {
    if (m_tcp)
        return m_tcp->serverAddress().toString();
    if (m_local)
        return m_local->fullServerName();
    return {};
}

quint16 Server::port() const {
    return m_tcp ? m_tcp->serverPort() : 0;
}

void Server::acceptTcp() {
    while (QTcpSocket *socket = m_tcp ? m_tcp->nextPendingConnection() : nullptr)
        adopt(socket);
}

void Server::acceptLocal() {
    while (QLocalSocket *socket = m_local ? m_local->nextPendingConnection() : nullptr)
        adopt(socket);
}

void Server::adopt(QIODevice *socket) {
    auto *connection = new ServerConnection(this, socket);
    m_connections.append(connection);
    emit connectionAccepted(socket);
    // Data may already be waiting.
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QIODevice::readyRead, Qt::QueuedConnection);
}

void Server::connectionGone(ServerConnection *connection) {
    if (!m_connections.removeOne(connection))
        return;
    connection->deleteLater();
    if (m_closing && m_connections.isEmpty() && !listening())
        QMetaObject::invokeMethod(this, &Server::closed, Qt::QueuedConnection);
}

void Server::close() {
    const bool wasListening = listening();
    if (m_tcp) {
        m_tcp->close();
        m_tcp->deleteLater();
        m_tcp = nullptr;
    }
    if (m_local) {
        m_local->close();
        m_local->deleteLater();
        m_local = nullptr;
    }
    m_closing = true;
    closeIdleConnections();
    if (wasListening && m_connections.isEmpty())
        QMetaObject::invokeMethod(this, &Server::closed, Qt::QueuedConnection);
}

void Server::closeAllConnections() {
    const QList<ServerConnection *> all = m_connections;
    for (ServerConnection *c : all)
        c->destroySocket();
}

void Server::closeIdleConnections() {
    const QList<ServerConnection *> all = m_connections;
    for (ServerConnection *c : all)
        if (c->isIdle())
            c->destroySocket();
}
