#include "streamsocket.h"

#include "nexttick.h"

#include <QHostAddress>
#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;

} // namespace

StreamSocket::StreamSocket(qintptr descriptor, QObject *parent)
    : QIODevice(parent)
    , m_fd(int(descriptor))
{
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
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &StreamSocket::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &StreamSocket::onWritable);
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

StreamSocket::~StreamSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 StreamSocket::bytesAvailable() const
{
    return m_input.size() - m_inputRead + QIODevice::bytesAvailable();
}

void StreamSocket::setReadBufferSize(qint64 size)
{
    m_readBufferSize = size;
    updateReadNotifier();
}

void StreamSocket::setNoDelay(bool on)
{
    const int flag = on ? 1 : 0;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &flag,
                 sizeof flag); // fails quietly on Unix sockets
}

void StreamSocket::updateReadNotifier()
{
    if (!m_readNotifier)
        return;
    const bool full = m_readBufferSize > 0 && m_input.size() - m_inputRead >= m_readBufferSize;
    m_readNotifier->setEnabled(m_fd >= 0 && !m_eof && !full);
}

void StreamSocket::onReadable()
{
    if (m_fd < 0)
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
        m_eof = true;
        break;
    }
    updateReadNotifier();
    if (got)
        emit readyRead();
    if (m_eof && m_fd >= 0) {
        if (bytesToWrite() > 0)
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

qint64 StreamSocket::writeData(const char *data, qint64 size)
{
    if (m_fd < 0 || m_closing)
        return -1;
    qint64 sent = 0;
    if (bytesToWrite() == 0) {
        // Try at once, as libuv does; queue only what the kernel does not take.
        const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
        if (n > 0)
            sent = n;
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            QMetaObject::invokeMethod(this, &StreamSocket::abort, Qt::QueuedConnection);
            return size;
        }
    }
    if (sent < size) {
        m_output.append(data + sent, size - sent);
        m_writeNotifier->setEnabled(true);
    }
    if (sent > 0)
        NextTick::post(this, [this, sent] { emit bytesWritten(sent); });
    return size;
}

bool StreamSocket::flush()
{
    if (m_fd < 0 || bytesToWrite() == 0)
        return false;
    qint64 total = 0;
    while (bytesToWrite() > 0) {
        const ssize_t n =
            ::send(m_fd, m_output.constData() + m_outputSent, size_t(bytesToWrite()), MSG_NOSIGNAL);
        if (n > 0) {
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
    if (bytesToWrite() == 0) {
        m_output.clear();
        m_outputSent = 0;
        m_writeNotifier->setEnabled(false);
    }
    if (total > 0)
        emit bytesWritten(total);
    if (m_closing && bytesToWrite() == 0)
        closeNow();
    return total > 0;
}

void StreamSocket::onWritable()
{
    flush();
}

void StreamSocket::disconnectFromHost()
{
    if (m_fd < 0)
        return;
    m_closing = true;
    flush();
    if (m_fd >= 0 && bytesToWrite() == 0)
        closeNow();
}

void StreamSocket::abort()
{
    closeNow();
}

void StreamSocket::close()
{
    closeNow();
}

void StreamSocket::closeNow()
{
    if (m_fd < 0)
        return;
    delete m_readNotifier;
    delete m_writeNotifier;
    m_readNotifier = m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_output.clear();
    m_outputSent = 0;
    QIODevice::close();
    emit disconnected();
}
