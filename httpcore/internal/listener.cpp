#include "listener.h"

#include "systemerror.h"

#include <QFile>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace http {

namespace {

constexpr int kPauseMs = 100; // out of descriptors with nothing to shed: accepting pauses

} // namespace

Listener::Listener(QObject *parent)
    : QObject(parent)
{
}

Listener::~Listener()
{
    close();
}

HttpError Listener::fail(const char *syscall, const QString &where)
{
    const int error = errno;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    return systemerror::fromErrno(error, syscall, where);
}

HttpError Listener::listenTcp(const QHostAddress &address, quint16 port, int backlog)
{
    sockaddr_storage storage = {};
    socklen_t length = 0;
    const bool any = address.isNull();
    const bool v6 = any || address.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        if (!any) {
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        }
        length = sizeof *in6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *in4;
    }
    const QString where =
        QStringLiteral("%1:%2").arg(any ? QStringLiteral("::") : address.toString()).arg(port);
    m_fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0 && any)
        return listenTcp(QHostAddress(QHostAddress::AnyIPv4), port, backlog); // no IPv6 here
    if (m_fd < 0)
        return fail("listen", where);
    const int on = 1, off = 0;
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (any)
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
        ::listen(m_fd, backlog) != 0)
        return fail("listen", where);
    length = sizeof storage;
    ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length);
    m_address = QHostAddress(reinterpret_cast<sockaddr *>(&storage));
    m_port = ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
                      : reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    startAccepting();
    return {};
}

HttpError Listener::listenUnix(const QString &path, int backlog)
{
    sockaddr_un un = {};
    un.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    if (encoded.size() >= qsizetype(sizeof un.sun_path)) {
        errno = ENAMETOOLONG;
        return fail("listen", path);
    }
    std::memcpy(un.sun_path, encoded.constData(), size_t(encoded.size()));
    m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&un), sizeof un) != 0 ||
        ::listen(m_fd, backlog) != 0)
        return fail("listen", path);
    m_path = path;
    startAccepting();
    return {};
}

void Listener::startAccepting()
{
    m_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    m_watch.start(
        m_fd, [](void *self, unsigned) { static_cast<Listener *>(self)->acceptAll(); }, this);
    m_watch.setRead(true);
}

void Listener::acceptAll()
{
    while (m_fd >= 0) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE)
                shedOverflow();
            return; // EAGAIN: the next readiness
        }
        emit accepted(fd);
    }
}

void Listener::shedOverflow()
{
    if (m_spare >= 0) {
        ::close(m_spare);
        m_spare = -1;
    }
    int count = 0;
    for (;;) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            break;
        }
        ::close(fd);
        ++count;
    }
    m_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (count > 0) {
        m_dropped += count;
        emit dropped(count);
        return;
    }
    // Nothing could be accepted even so (the spare was taken elsewhere, or the whole system is
    // out): listen again a little later rather than spin on a readable socket.
    m_watch.setRead(false);
    QTimer::singleShot(kPauseMs, this, [this] { m_watch.setRead(true); });
}

void Listener::close()
{
    if (m_spare >= 0) {
        ::close(m_spare);
        m_spare = -1;
    }
    if (m_fd < 0)
        return;
    m_watch.stop();
    ::close(m_fd);
    m_fd = -1;
    if (!m_path.isEmpty())
        QFile::remove(m_path);
}

} // namespace http
