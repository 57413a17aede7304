#include "fuzzpeer.h"

#include <QCoreApplication>
#include <QEvent>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

FuzzPeer::FuzzPeer()
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0)
        qFatal("socketpair: %s", strerror(errno));
    m_near = pair[0];
    m_far = pair[1];
}

FuzzPeer::~FuzzPeer()
{
    close();
    if (m_near >= 0)
        ::close(m_near);
}

qintptr FuzzPeer::takeNearEnd()
{
    const int fd = m_near;
    m_near = -1;
    return fd;
}

void FuzzPeer::send(QByteArrayView bytes)
{
    while (m_far >= 0 && !bytes.isEmpty()) {
        const ssize_t n = ::send(m_far, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL);
        if (n > 0) {
            bytes = bytes.sliced(n);
        } else if (n < 0 && errno == EAGAIN) {
            settle();
        } else {
            return; // the other side is gone
        }
    }
    settle();
}

void FuzzPeer::shutdownWrite()
{
    if (m_far >= 0)
        ::shutdown(m_far, SHUT_WR);
    settle();
}

void FuzzPeer::close()
{
    if (m_far < 0)
        return;
    ::close(m_far);
    m_far = -1;
    settle();
}

void FuzzPeer::settle()
{
    for (int turn = 0; turn < 4; ++turn) {
        drain();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    drain();
}

void FuzzPeer::drain()
{
    char sink[65536];
    while (m_far >= 0 && ::recv(m_far, sink, sizeof sink, MSG_DONTWAIT) > 0) {
    }
}
