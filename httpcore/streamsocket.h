#pragma once

#include "httperror.h"

#include <QByteArray>
#include <QHostAddress>
#include <QIODevice>
#include <QList>

class QSocketNotifier;
class QSslSocket;

/// Node's `net.Socket` for accepted TCP and Unix-domain connections: a non-blocking stream
/// whose writes are tried at once (as libuv does) and queued only when the kernel is full.
/// It is the socket Server hands out (connectionAccepted, upgradeRequested, clientError…).
class StreamSocket : public QIODevice {
    Q_OBJECT
public:
    /// Whoever uses the socket right now (Node's `socket._httpMessage`) hears its events
    /// directly, without a signal connection per request.
    class Owner {
    public:
        virtual ~Owner() = default;
        virtual void socketReadyRead() = 0;
        virtual void socketDisconnected() = 0;
        virtual void socketError(const HttpError &error) = 0;
    };
    void setOwner(Owner *owner) { m_owner = owner; }
    Owner *owner() const { return m_owner; }

    enum class Direction { Sent, Received };
    Q_ENUM(Direction)

    /// Takes ownership of a connected, accepted descriptor.
    explicit StreamSocket(qintptr descriptor, QObject *parent = nullptr);
    /// An unconnected socket, for connectToHost() / connectToPath().
    explicit StreamSocket(QObject *parent = nullptr);
    ~StreamSocket() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override;
    void close() override;

    /// `net.connect({host, port, family, localAddress})`: resolves `host`, then connects to
    /// the first address that accepts (family 4 or 6 filters). Writes made meanwhile are queued.
    void connectToHost(const QString &host, quint16 port, int family = 0,
                       const QString &localAddress = {});
    /// `tls.connect({host, port, servername, rejectUnauthorized})`: the same over TLS (QSslSocket).
    /// With `rejectUnauthorized`, a certificate that does not verify fails the connection with
    /// Node's code (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…).
    void connectToHostEncrypted(const QString &host, quint16 port, const QString &servername,
                                bool rejectUnauthorized, int family = 0,
                                const QString &localAddress = {});
    bool isEncrypted() const { return m_tls != nullptr; }
    /// `net.connect({path})`: a Unix-domain socket.
    void connectToPath(const QString &path);
    /// True while resolving or connecting.
    bool isConnecting() const { return m_connecting; }
    /// True once connected, until the connection is closed by either side.
    bool isConnected() const { return (m_tls ? isOpen() : m_fd >= 0) && !m_connecting; }
    /// `socket.setKeepAlive(enable, initialDelay)`: TCP keep-alive probes after `initialDelayMs`.
    void setKeepAlive(bool on, int initialDelayMs);
    /// `socket.end()`: closes once everything written has been sent.
    void disconnectFromHost();
    /// `socket.destroy()`: closes now; unsent data is dropped.
    void abort();
    /// Everything received and not read yet, without a copy (`readAll()` for the hot path).
    QByteArray takeInput();
    /// Sends what is queued, as far as the kernel takes it; true if anything was sent.
    bool flush();
    /// Stops reading from the kernel once this many bytes wait unread (0: no limit).
    void setReadBufferSize(qint64 size);
    /// `socket.setNoDelay()`.
    void setNoDelay(bool on);
    /// `socket.remoteAddress` / `remotePort` ("127.0.0.1", 51234; a path's peer has none).
    QString peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    qintptr socketDescriptor() const { return m_fd; }

Q_SIGNALS:
    /// Node's `connect` on the socket; on a TLS socket, once the handshake is done (Node's
    /// `secureConnect`), the moment it can carry data.
    void connected();
    /// TLS only: the TCP connection is up and the handshake starts (Node's `connect` on a
    /// TLSSocket).
    void tlsHandshakeStarted();
    /// Node's `error` on the socket (ECONNREFUSED, ENOTFOUND…); disconnected() follows.
    void errorOccurred(const HttpError &error);
    /// Node's `close` on the socket: the connection is gone (or never came).
    void disconnected();
    /// Beyond Node: the exact bytes as they are written or read (plain text under TLS). Costs
    /// nothing while nothing is connected.
    void tapped(StreamSocket::Direction direction, const QByteArray &bytes);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void setUp(int fd);
    void tryNextAddress();
    void onConnectDone();
    void failConnect(const HttpError &error);
    void onReadable();
    void onTlsError(const HttpError &error);
    void notifyReadyRead();
    void notifyDisconnected();
    void notifyError(const HttpError &error);
    void onWritable();
    void updateReadNotifier();
    void closeNow();

    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_input;
    qsizetype m_inputRead = 0;
    QByteArray m_output;
    qsizetype m_outputSent = 0;
    qint64 m_readBufferSize = 0;
    bool m_closing = false;
    bool m_connecting = false;
    int m_noDelay = -1;   // last value set, to skip repeated setsockopt calls
    int m_keepAlive = -1; // likewise (keep-alive delay in ms, 0 off)
    QList<QHostAddress> m_candidates;
    quint16 m_remotePort = 0;
    QString m_localAddress;
    QString m_target;
    int m_lastErrno = 0;
    QSslSocket *m_tls = nullptr; // TLS connections delegate to Qt's socket
    bool m_tlsFailed = false;
    Owner *m_owner = nullptr;
    /// Whether someone listens to tapped(): set on connect; after any disconnect it is checked
    /// again at the next use (disconnectNotify may run with Qt's connection lock held, where
    /// isSignalConnected() would deadlock).
    bool tapListened();
    bool m_tapped = false;
    bool m_tapRecheck = false;
    bool m_eof = false;
    QString m_peerAddress;
    quint16 m_peerPort = 0;
};
