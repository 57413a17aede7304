#include "streamsocket.h"

#include "fdwatch.h"
#include "nexttick.h"
#include "systemerror.h"

#include <QHostInfo>

#include <QFile>
#include <QHostAddress>
#include <QMetaMethod>
#include <QPointer>
#include <QSslSocket>
#include <QTimerEvent>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace http {

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;

} // namespace

StreamSocket::StreamSocket(qintptr descriptor, QObject *parent)
    : QIODevice(parent)
{
    setUp(int(descriptor));
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

StreamSocket::StreamSocket(QObject *parent)
    : QIODevice(parent)
{
}

void StreamSocket::setUp(int fd)
{
    m_fd = fd;
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    sockaddr_storage peer = {};
    socklen_t length = sizeof peer;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0 &&
        (peer.ss_family == AF_INET || peer.ss_family == AF_INET6)) {
        const QHostAddress address(reinterpret_cast<sockaddr *>(&peer));
        m_peerAddress = address.toString();
        m_peerPort =
            ntohs(peer.ss_family == AF_INET ? reinterpret_cast<sockaddr_in *>(&peer)->sin_port
                                            : reinterpret_cast<sockaddr_in6 *>(&peer)->sin6_port);
    }
    if (m_noDelay >= 0)
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &m_noDelay, sizeof m_noDelay);
    if (const auto keepAlive = std::exchange(m_pendingKeepAlive, std::nullopt))
        setKeepAlive(keepAlive->first, keepAlive->second);
    if (!m_watch)
        m_watch = std::make_unique<FdWatch>();
    m_watch->start(
        m_fd,
        [](void *self, unsigned events) { static_cast<StreamSocket *>(self)->onReady(events); },
        this);
    m_watch->setRead(true);
}

quint16 StreamSocket::localPort() const
{
    if (m_tls)
        return m_tls->localPort();
    sockaddr_storage local = {};
    socklen_t length = sizeof local;
    if (m_fd < 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local), &length) != 0)
        return 0;
    if (local.ss_family == AF_INET)
        return ntohs(reinterpret_cast<sockaddr_in *>(&local)->sin_port);
    if (local.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port);
    return 0;
}

void StreamSocket::connectTo(const ConnectOptions &options)
{
    m_options = options;
    m_connecting = true;
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
    if (!options.socketPath.isEmpty()) {
        connectToPath(options.socketPath);
        return;
    }
    if (m_options.host.isEmpty())
        m_options.host = QStringLiteral("localhost");
    m_target = m_options.host;
    QHostAddress literal;
    if (literal.setAddress(m_options.host)) {
        m_options.family = 0; // as Node: an address is used whatever `family` says
        NextTick::post(this, [this, literal] { onResolved({literal}); });
    } else if (m_options.lookup) {
        NextTick::post(this, [this] {
            if (m_connecting)
                onResolved(m_options.lookup(m_options.host, m_options.family));
        });
    } else {
        QHostInfo::lookupHost(m_options.host, this,
                              [this](const QHostInfo &info) { onResolved(info.addresses()); });
    }
}

void StreamSocket::connectToPath(const QString &path)
{
    m_target = path;
    NextTick::post(this, [this, path] {
        if (!m_connecting)
            return;
        sockaddr_un un = {};
        un.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0 || encoded.size() >= qsizetype(sizeof un.sun_path)) {
            const int error = fd < 0 ? errno : ENAMETOOLONG;
            if (fd >= 0)
                ::close(fd);
            failConnect(systemerror::fromErrno(error, "connect", path, false));
            return;
        }
        std::memcpy(un.sun_path, encoded.constData(), size_t(encoded.size()));
        if (::connect(fd, reinterpret_cast<sockaddr *>(&un), sizeof un) != 0 &&
            errno != EINPROGRESS && errno != EAGAIN) {
            const int error = errno;
            ::close(fd);
            failConnect(systemerror::fromErrno(error, "connect", path, false));
            return;
        }
        setUp(fd);
        m_watch->setRead(false);
        m_watch->setWrite(true);
    });
}

void StreamSocket::onResolved(QList<QHostAddress> addresses)
{
    if (!m_connecting)
        return; // closed while resolving
    // The family asked for, each address once; Node interleaves the families, starting with
    // the first one the resolver gave.
    QList<QHostAddress> byFamily[2];
    int first = -1;
    for (const QHostAddress &a : std::as_const(addresses)) {
        const int v6 = a.protocol() == QAbstractSocket::IPv4Protocol ? 0 : 1;
        if ((m_options.family == 4 && v6) || (m_options.family == 6 && !v6) ||
            byFamily[v6].contains(a))
            continue;
        if (first < 0)
            first = v6;
        byFamily[v6].append(a);
    }
    if (first < 0) {
        failConnect(
            HttpError("ENOTFOUND", QStringLiteral("getaddrinfo ENOTFOUND %1").arg(m_options.host)));
        return;
    }
    m_candidates.clear();
    // Node tries every address only with no family and no local address asked for.
    if (!m_options.autoSelectFamily || m_options.family != 0 || !m_options.localAddress.isEmpty() ||
        m_options.localPort != 0) {
        m_candidates.append(byFamily[first].first());
    } else {
        const QList<QHostAddress> &a = byFamily[first];
        const QList<QHostAddress> &b = byFamily[1 - first];
        for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
            if (i < a.size())
                m_candidates.append(a[i]);
            if (i < b.size())
                m_candidates.append(b[i]);
        }
    }
    tryNextAddress();
}

void StreamSocket::tryNextAddress()
{
    if (m_candidates.isEmpty()) {
        // One address: its error. Several: Node's AggregateError, with the first one's code.
        HttpError error = m_attemptErrors.value(0);
        if (m_attemptErrors.size() > 1) {
            QStringList messages;
            for (const HttpError &e : std::as_const(m_attemptErrors))
                messages << e.message();
            error = HttpError(error.code(), messages.join(QStringLiteral(", ")));
        }
        failConnect(error);
        return;
    }
    const QHostAddress address = m_candidates.takeFirst();
    m_target = QStringLiteral("%1:%2").arg(address.toString()).arg(m_options.port);
    sockaddr_storage storage = {};
    socklen_t length = 0;
    const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    if (v4) {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(m_options.port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *in4;
    } else {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(m_options.port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        in6->sin6_scope_id = address.scopeId().toUInt();
        length = sizeof *in6;
    }
    const int fd = ::socket(v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        attemptFailed(systemerror::fromErrno(errno, "connect", m_target, false));
        return;
    }
    if (!m_options.localAddress.isEmpty() || m_options.localPort != 0) {
        // Node's internalConnect: the local address defaults to the family's any-address.
        const QHostAddress bindTo = !m_options.localAddress.isEmpty()
                                        ? QHostAddress(m_options.localAddress)
                                    : v4 ? QHostAddress(QHostAddress::AnyIPv4)
                                         : QHostAddress(QHostAddress::AnyIPv6);
        sockaddr_storage local = {};
        socklen_t localLength = 0;
        if (bindTo.protocol() == QAbstractSocket::IPv4Protocol) {
            auto *in4 = reinterpret_cast<sockaddr_in *>(&local);
            in4->sin_family = AF_INET;
            in4->sin_port = htons(m_options.localPort);
            in4->sin_addr.s_addr = htonl(bindTo.toIPv4Address());
            localLength = sizeof *in4;
        } else {
            auto *in6 = reinterpret_cast<sockaddr_in6 *>(&local);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(m_options.localPort);
            const Q_IPV6ADDR bytes = bindTo.toIPv6Address();
            std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
            localLength = sizeof *in6;
        }
        if (m_options.localPort != 0) { // libuv binds TCP handles with SO_REUSEADDR
            const int on = 1;
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        }
        if (::bind(fd, reinterpret_cast<sockaddr *>(&local), localLength) != 0) {
            const int error = errno;
            ::close(fd);
            QString where = bindTo.toString();
            if (m_options.localPort != 0)
                where += u':' + QString::number(m_options.localPort);
            failConnect(systemerror::fromErrno(error, "bind", where, false));
            return;
        }
    }
    if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 &&
        errno != EINPROGRESS) {
        const int error = errno;
        ::close(fd);
        attemptFailed(systemerror::fromErrno(error, "connect", m_target, false));
        return;
    }
    m_peerAddress = address.toString();
    m_peerPort = m_options.port;
    setUp(fd);
    m_watch->setRead(false);
    m_watch->setWrite(true);     // writable = connected, or failed
    if (!m_candidates.isEmpty()) // the last address gets the system's own timeout
        m_attemptTimer.start(qMax(10, m_options.autoSelectFamilyAttemptTimeout), this);
}

void StreamSocket::attemptFailed(const HttpError &error)
{
    m_attemptTimer.stop();
    m_attemptErrors.append(error);
    if (m_fd >= 0) {
        unwatch();
        ::close(m_fd);
        m_fd = -1;
    }
    tryNextAddress();
}

void StreamSocket::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_attemptTimer.timerId())
        return QIODevice::timerEvent(event);
    attemptFailed(systemerror::fromErrno(ETIMEDOUT, "connect", m_target, false));
}

void StreamSocket::onConnectDone()
{
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        attemptFailed(systemerror::fromErrno(error, "connect", m_target, false));
        return;
    }
    m_attemptTimer.stop();
    m_candidates.clear();
    if (m_options.tls) {
        startTls();
        return;
    }
    m_connecting = false;
    updateReadNotifier();
    m_watch->setWrite(bytesToWrite() > 0);
    emit connected();
    flush();
    if (m_closing && bytesToWrite() == 0)
        closeNow(); // end() called while connecting, with nothing to send
}

void StreamSocket::failConnect(const HttpError &error)
{
    m_attemptTimer.stop();
    m_connecting = false;
    Q_ASSERT(m_fd < 0); // every path here has closed it
    m_output.clear();
    m_outputSent = 0;
    // As in Node, a failed connect is reported on a later tick, never inside connect(); writes
    // until then are dropped.
    NextTick::post(this, [this, error] {
        QIODevice::close();
        notifyError(error);
        notifyDisconnected();
    });
}

void StreamSocket::setKeepAlive(bool on, int initialDelayMs)
{
    if (m_tls) {
        m_tls->setSocketOption(QAbstractSocket::KeepAliveOption, on ? 1 : 0);
        return;
    }
    if (m_fd < 0) { // applied once the descriptor exists, as net.Socket does
        m_pendingKeepAlive = {on, initialDelayMs};
        return;
    }
    const int state = on ? qMax(1, initialDelayMs) : 0;
    if (m_keepAlive == state)
        return;
    m_keepAlive = state;
    const int flag = on ? 1 : 0;
    ::setsockopt(m_fd, SOL_SOCKET, SO_KEEPALIVE, &flag, sizeof flag);
    // Node passes whole seconds (~~(ms / 1000)); libuv then sets the first probe's delay and
    // probes every second, 10 times, before the connection is given up.
    const int seconds = initialDelayMs / 1000;
    if (on && seconds > 0) {
        const int interval = 1, count = 10;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPIDLE, &seconds, sizeof seconds);
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    }
}

StreamSocket::~StreamSocket()
{
    unwatch();
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 StreamSocket::bytesToWrite() const
{
    return m_output.size() - m_outputSent + (m_tls ? m_tls->bytesToWrite() : 0);
}

namespace {

// Node's codes for the certificate problems OpenSSL reports.
HttpError tlsError(const QSslError &e, const QString &host)
{
    switch (e.error()) {
    case QSslError::SelfSignedCertificate:
        return HttpError("DEPTH_ZERO_SELF_SIGNED_CERT", QStringLiteral("self-signed certificate"));
    case QSslError::SelfSignedCertificateInChain:
        return HttpError("SELF_SIGNED_CERT_IN_CHAIN",
                         QStringLiteral("self-signed certificate in certificate chain"));
    case QSslError::CertificateExpired:
        return HttpError("CERT_HAS_EXPIRED", QStringLiteral("certificate has expired"));
    case QSslError::CertificateNotYetValid:
        return HttpError("CERT_NOT_YET_VALID", QStringLiteral("certificate is not yet valid"));
    case QSslError::HostNameMismatch:
        return HttpError(
            "ERR_TLS_CERT_ALTNAME_INVALID",
            QStringLiteral("Hostname/IP does not match certificate's altnames: Host: %1.")
                .arg(host));
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return HttpError("UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                         QStringLiteral("unable to verify the first certificate"));
    default:
        return HttpError("ERR_TLS_CERT", e.errorString());
    }
}

} // namespace

void StreamSocket::startServerTls(const QList<QSslCertificate> &certificates, const QSslKey &key)
{
    m_options.tls = true;
    m_connecting = true; // until the handshake is done: writes are queued
    setUpTls();
    if (!m_tls)
        return;
    m_tls->setPeerVerifyMode(QSslSocket::VerifyNone);
    m_tls->setLocalCertificateChain(certificates);
    m_tls->setPrivateKey(key);
    m_tls->startServerEncryption();
}

void StreamSocket::startTls()
{
    setUpTls();
    if (!m_tls)
        return;
    m_tls->setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_tls->setPeerVerifyName(m_options.servername.isEmpty() ? m_options.host
                                                            : m_options.servername);
    emit tlsHandshakeStarted();
    m_tls->startClientEncryption();
}

void StreamSocket::setUpTls()
{
    // The TCP connection is up: Qt's TLS socket takes the descriptor over for the handshake.
    unwatch();
    const int fd = std::exchange(m_fd, -1);
    m_tls = new QSslSocket(this);
    if (!m_tls->setSocketDescriptor(fd)) {
        ::close(fd);
        onTlsError(HttpError("EPROTO", m_tls->errorString()));
        return;
    }
    connect(m_tls, &QSslSocket::encrypted, this, [this] {
        m_connecting = false;
        if (m_noDelay >= 0)
            m_tls->setSocketOption(QAbstractSocket::LowDelayOption, m_noDelay);
        emit connected();
        if (bytesToWrite() > 0) {
            const QByteArray queued = m_output.mid(m_outputSent);
            m_output.clear();
            m_outputSent = 0;
            tapSent(queued.constData(), queued.size());
            m_tls->write(queued);
        }
        if (m_closing)
            m_tls->disconnectFromHost();
    });
    connect(m_tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!m_options.rejectUnauthorized) {
            m_tls->ignoreSslErrors();
            return;
        }
        onTlsError(tlsError(errors.first(), m_options.host));
    });
    // The same backpressure as a plain socket: Qt's buffer is bounded too, and only what fits
    // below the read buffer size is taken from it.
    m_tls->setReadBufferSize(m_readBufferSize);
    connect(m_tls, &QSslSocket::readyRead, this, &StreamSocket::readTls);
    connect(m_tls, &QSslSocket::bytesWritten, this, [this](qint64 n) { emit bytesWritten(n); });
    connect(m_tls, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError)
                    return; // disconnected() follows
                // Not TLS at the other end (a plain HTTP port answers "wrong version number"),
                // or a handshake OpenSSL gave up on: Node's EPROTO, with OpenSSL's words.
                if (error == QAbstractSocket::SslHandshakeFailedError ||
                    error == QAbstractSocket::SslInternalError)
                    onTlsError(HttpError(
                        "EPROTO", QStringLiteral("write EPROTO %1").arg(m_tls->errorString())));
                else
                    onTlsError(systemerror::fromErrno(ECONNRESET, "read", {}, false));
            });
    connect(m_tls, &QAbstractSocket::disconnected, this, [this] {
        if (m_connecting && !m_tlsFailed)
            onTlsError(
                HttpError("ECONNRESET", QStringLiteral("Client network socket disconnected before "
                                                       "secure TLS connection was established")));
        else
            closeNow();
    });
}

void StreamSocket::onTlsError(const HttpError &error)
{
    if (!m_tls || m_tlsFailed)
        return;
    m_tlsFailed = true;
    // TLS errors come from the handshake, rounds after listeners attached: report them now.
    notifyError(error);
    m_tls->abort();
    if (m_connecting) {
        m_connecting = false;
        QIODevice::close();
        NextTick::post(this, [this] { notifyDisconnected(); });
    }
}

bool StreamSocket::hasUnreadInput() const
{
    if (bytesAvailable() > 0)
        return true;
    int pending = 0;
    return m_fd >= 0 && !m_connecting && ::ioctl(m_fd, FIONREAD, &pending) == 0 && pending > 0;
}

qint64 StreamSocket::bytesAvailable() const
{
    return m_input.size() - m_inputRead + QIODevice::bytesAvailable();
}

void StreamSocket::setReadBufferSize(qint64 size)
{
    m_readBufferSize = size;
    if (m_tls)
        m_tls->setReadBufferSize(size);
    updateReadNotifier();
}

void StreamSocket::setNoDelay(bool on)
{
    const int flag = on ? 1 : 0;
    if (m_noDelay == flag)
        return;
    m_noDelay = flag;
    if (m_tls && !m_connecting)
        m_tls->setSocketOption(QAbstractSocket::LowDelayOption, flag);
    else if (m_fd >= 0) // otherwise applied once the descriptor exists
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &flag, sizeof flag); // no-op on Unix sockets
}

void StreamSocket::updateReadNotifier()
{
    const bool full = m_readBufferSize > 0 && m_input.size() - m_inputRead >= m_readBufferSize;
    if (m_tls && !full && m_tls->bytesAvailable() > 0) // what waited while full
        QMetaObject::invokeMethod(this, &StreamSocket::readTls, Qt::QueuedConnection);
    if (m_watch && m_fd >= 0)
        m_watch->setRead(!m_connecting && !m_eof && !full);
}

void StreamSocket::unwatch()
{
    if (m_watch)
        m_watch->stop();
}

void StreamSocket::onReady(unsigned events)
{
    if (!(events & FdWatch::Writable))
        return onReadable();
    const QPointer<StreamSocket> alive(this); // what writing emits may close or delete it
    onWritable();
    if (alive && m_fd >= 0 && (events & FdWatch::Readable))
        onReadable();
}

void StreamSocket::readTls()
{
    if (!m_tls)
        return;
    const qint64 unread = m_input.size() - m_inputRead;
    const qint64 room = m_readBufferSize > 0 ? m_readBufferSize - unread : m_tls->bytesAvailable();
    if (room <= 0)
        return;
    const QByteArray bytes = m_tls->read(room);
    if (bytes.isEmpty())
        return;
    if (unread == 0) {
        m_input.clear();
        m_inputRead = 0;
    }
    m_input += bytes;
    if (tapListened())
        emit tapped(Direction::Received, bytes);
    notifyReadyRead();
}

void StreamSocket::onReadable()
{
    if (m_fd < 0 || m_connecting)
        return;
    bool got = false;
    // Read into a scratch buffer and keep only what arrived: a 64 KiB allocation per read would
    // make malloc grow and trim the heap on every request.
    static thread_local char scratch[kReadChunk];
    for (;;) {
        const ssize_t n = ::recv(m_fd, scratch, sizeof scratch, 0);
        if (n > 0) {
            if (m_inputRead > 0 && m_inputRead == m_input.size()) {
                m_input.clear();
                m_inputRead = 0;
            }
            m_input.append(scratch, n);
            if (tapListened())
                emit tapped(Direction::Received, QByteArray(scratch, n));
            got = true;
            if (n < kReadChunk)
                break;
            if (m_readBufferSize > 0 && m_input.size() - m_inputRead >= m_readBufferSize)
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // 0: the peer finished sending (HTTP closes then, as Node's server does); <0: an error.
        if (n < 0)
            m_readError = errno;
        m_eof = true;
        break;
    }
    updateReadNotifier();
    if (got)
        notifyReadyRead();
    if (m_eof && m_fd >= 0) {
        if (m_allowHalfOpen && m_readError == 0)
            emit readChannelFinished(); // the owner ends the socket when it is done
        else if (bytesToWrite() > 0)
            disconnectFromHost();
        else
            closeNow();
    }
}

QByteArray StreamSocket::takeInput()
{
    QByteArray all = m_inputRead == 0 ? std::exchange(m_input, {}) : m_input.mid(m_inputRead);
    m_input.clear();
    m_inputRead = 0;
    updateReadNotifier();
    return all;
}

qint64 StreamSocket::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_input.size() - m_inputRead);
    if (n <= 0)
        return m_fd < 0 ? -1 : 0;
    memcpy(data, m_input.constData() + m_inputRead, size_t(n));
    m_inputRead += n;
    if (m_inputRead == m_input.size()) {
        m_input.clear();
        m_inputRead = 0;
    }
    updateReadNotifier();
    return n;
}

void StreamSocket::tapSent(const char *data, qint64 size)
{
    if (size > 0 && tapListened())
        emit tapped(Direction::Sent, QByteArray(data, size));
}

qint64 StreamSocket::writeData(const char *data, qint64 size)
{
    if (m_closing || !isOpen())
        return -1;
    if (m_connecting) { // resolving, connecting or in the TLS handshake: sent once connected
        m_output.append(data, size);
        return size;
    }
    if (m_tls) {
        tapSent(data, size);
        m_tls->write(data, size);
        return size;
    }
    if (m_fd < 0)
        return -1;
    qint64 sent = 0;
    if (bytesToWrite() == 0) {
        // Try at once, as libuv does; queue only what the kernel does not take.
        const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
        if (n > 0) {
            sent = n;
            tapSent(data, n);
        } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            QMetaObject::invokeMethod(this, &StreamSocket::abort, Qt::QueuedConnection);
            return size;
        }
    }
    if (sent < size) {
        m_output.append(data + sent, size - sent);
        m_watch->setWrite(true);
    }
    if (sent > 0)
        NextTick::post(this, [this, sent] { emit bytesWritten(sent); });
    return size;
}

bool StreamSocket::flush()
{
    if (m_tls)
        return m_tls->flush();
    if (m_fd < 0 || m_connecting || bytesToWrite() == 0)
        return false;
    qint64 total = 0;
    while (bytesToWrite() > 0) {
        const ssize_t n =
            ::send(m_fd, m_output.constData() + m_outputSent, size_t(bytesToWrite()), MSG_NOSIGNAL);
        if (n > 0) {
            tapSent(m_output.constData() + m_outputSent, n);
            m_outputSent += n;
            total += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        closeNow(); // EPIPE, ECONNRESET: the peer is gone
        return total > 0;
    }
    if (m_outputSent > 0 && m_outputSent >= m_output.size() / 2) {
        // Drop what was sent, so a long-lived backlog does not keep growing.
        m_output.remove(0, m_outputSent);
        m_outputSent = 0;
    }
    if (bytesToWrite() == 0) {
        m_output.clear();
        m_outputSent = 0;
        m_watch->setWrite(false);
    }
    if (total > 0)
        emit bytesWritten(total);
    if (m_closing && bytesToWrite() == 0)
        closeNow();
    return total > 0;
}

void StreamSocket::onWritable()
{
    if (m_connecting)
        onConnectDone();
    else
        flush();
}

void StreamSocket::disconnectFromHost()
{
    if (m_tls) {
        m_closing = true;
        if (!m_connecting)
            m_tls->disconnectFromHost();
        return;
    }
    if (m_fd < 0 && !m_connecting)
        return;
    if (m_connecting) {
        m_closing = true; // sent and closed once connected
        return;
    }
    m_closing = true;
    flush();
    if (m_fd >= 0 && bytesToWrite() == 0)
        closeNow();
}

void StreamSocket::abort()
{
    closeNow();
}

void StreamSocket::resetAndDestroy()
{
    if (!m_tls && m_fd >= 0) {
        const struct linger reset = {1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    }
    closeNow();
}

void StreamSocket::close()
{
    closeNow();
}

void StreamSocket::closeNow()
{
    if (m_tls) {
        if (!isOpen())
            return;
        m_connecting = false;
        m_output.clear();
        m_outputSent = 0;
        m_tls->disconnect(this);
        m_tls->abort();
        QIODevice::close();
        notifyDisconnected();
        return;
    }
    if (m_fd < 0 && !m_connecting)
        return;
    m_connecting = false;
    m_candidates.clear();
    m_attemptTimer.stop();
    if (m_fd < 0) { // still resolving
        QIODevice::close();
        notifyDisconnected();
        return;
    }
    unwatch();
    ::close(m_fd);
    m_fd = -1;
    m_output.clear();
    m_outputSent = 0;
    QIODevice::close();
    notifyDisconnected();
}

void StreamSocket::notifyReadyRead()
{
    emit readyRead();
    if (m_owner)
        m_owner->socketReadyRead();
}

void StreamSocket::notifyDisconnected()
{
    emit disconnected();
    if (m_owner)
        m_owner->socketDisconnected();
}

void StreamSocket::notifyError(const HttpError &error)
{
    emit errorOccurred(error);
    if (m_owner)
        m_owner->socketError(error);
}

void StreamSocket::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&StreamSocket::tapped))
        m_tapped = true;
}

void StreamSocket::disconnectNotify(const QMetaMethod &signal)
{
    // No isSignalConnected() here: Qt may call this with its connection lock held.
    if (m_tapped && (!signal.isValid() || signal == QMetaMethod::fromSignal(&StreamSocket::tapped)))
        m_tapRecheck = true;
}

bool StreamSocket::tapListened()
{
    if (m_tapRecheck) {
        m_tapRecheck = false;
        m_tapped = isSignalConnected(QMetaMethod::fromSignal(&StreamSocket::tapped));
    }
    return m_tapped;
}

} // namespace http
