#pragma once

#include "fdwatch.h"
#include "httperror.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

namespace http {

/// The listening handle under Node's `net.Server`: a TCP or Unix-domain socket in listen mode
/// that hands out accepted, non-blocking descriptors. Errors carry Node's codes (EADDRINUSE…).
class Listener : public QObject {
    Q_OBJECT
public:
    explicit Listener(QObject *parent = nullptr);
    ~Listener() override;

    /// Listens on `address:port` (port 0 picks one); a null address means every interface, IPv6
    /// and IPv4 together where the system allows, as Node does.
    HttpError listenTcp(const QHostAddress &address, quint16 port, int backlog = kBacklog);
    /// Listens on a Unix-domain socket path (which must not exist yet).
    HttpError listenUnix(const QString &path, int backlog = kBacklog);
    /// Node's default `backlog`.
    static constexpr int kBacklog = 511;
    void close();

    bool isListening() const { return m_fd >= 0; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString path() const { return m_path; }

    /// Connections closed at once because the process was out of descriptors, since listen.
    qint64 droppedCount() const { return m_dropped; }

Q_SIGNALS:
    /// A new connection; the receiver owns `descriptor`.
    void accepted(qintptr descriptor);
    /// Out of descriptors (EMFILE/ENFILE): `count` waiting connections were accepted and closed
    /// at once, as libuv does for Node, instead of spinning on a listening socket that stays
    /// readable.
    void dropped(int count);

private:
    HttpError fail(const char *syscall, const QString &where);
    /// Descriptor watched, and the spare descriptor reserved for shedOverflow().
    void startAccepting();
    void acceptAll();
    /// accept() failed with EMFILE/ENFILE: frees the spare descriptor, accepts and closes what
    /// waits, takes the spare again; when even that accepts nothing, pauses accepting briefly.
    void shedOverflow();

    int m_fd = -1;
    int m_spare = -1; ///< a descriptor held in reserve (/dev/null), given up to shed overflow
    qint64 m_dropped = 0;
    FdWatch m_watch;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_path;
};

} // namespace http
