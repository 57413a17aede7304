#pragma once

#include "httperror.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QHostAddress>
#include <QIODevice>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QSslSocket;

namespace http {

class FdWatch;

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
    /// Bytes arrived and not read yet, here or still in the kernel: a timeout that fires with
    /// some waiting measured our own slowness, not the peer's silence.
    bool hasUnreadInput() const;
    qint64 bytesToWrite() const override;
    void close() override;

    /// Node's `lookup` option: the addresses of `hostname` (dns.lookup with `all: true`; `family`
    /// 4, 6 or 0 for both). None: ENOTFOUND.
    using Lookup = std::function<QList<QHostAddress>(const QString &hostname, int family)>;

    /// The options of `net.connect()` / `tls.connect()` that an Agent passes on.
    struct ConnectOptions {
        QString host = QStringLiteral("localhost");
        quint16 port = 0; ///< 0: none given
        QString localAddress;
        quint16 localPort = 0; ///< `localPort`: bind to this port first (0: any)
        int family = 0;        ///< 4, 6, or 0 for either
        QString socketPath;
        bool tls = false;               ///< https: connect with TLS
        QString servername;             ///< TLS server name (SNI); empty: the host
        bool rejectUnauthorized = true; ///< false accepts certificates that do not verify
        Lookup lookup;                  ///< null: the system's resolver (getaddrinfo)
        /// Node 20's `autoSelectFamily` (Happy Eyeballs): a name's addresses are tried in turn,
        /// families interleaved, each given `autoSelectFamilyAttemptTimeout` ms before the next
        /// one is tried. Off (or with `family`, `localAddress` or `localPort` set): only the first
        /// address is tried.
        bool autoSelectFamily = true;
        int autoSelectFamilyAttemptTimeout = 250;
    };

    /// `net.connect(options)` / `tls.connect(options)`: resolves the host, connects (a Unix
    /// socket when `socketPath` is set), then, with `tls`, does the TLS handshake. Writes made
    /// meanwhile are queued and sent once connected. With `rejectUnauthorized`, a certificate
    /// that does not verify fails the connection with Node's code (DEPTH_ZERO_SELF_SIGNED_CERT,
    /// CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…).
    void connectTo(const ConnectOptions &options);
    /// The server side of `tls.TLSSocket` (https.createServer): an accepted connection starts
    /// its handshake with this certificate chain and key; writes wait for it.
    void startServerTls(const QList<QSslCertificate> &certificates, const QSslKey &key);
    bool isEncrypted() const { return m_options.tls; }
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
    /// `socket.resetAndDestroy()`: closes now with a TCP RST (SO_LINGER 0) instead of a FIN.
    void resetAndDestroy();
    /// Everything received and not read yet, without a copy (`readAll()` for the hot path).
    QByteArray takeInput();
    /// Sends what is queued, as far as the kernel takes it; true if anything was sent.
    bool flush();
    /// Stops reading from the kernel once this many bytes wait unread (0: no limit).
    void setReadBufferSize(qint64 size);
    /// net.Socket's `allowHalfOpen`: when the peer finishes sending, readChannelFinished() (Node's
    /// 'end') is emitted and the socket stays open for writing until disconnectFromHost();
    /// otherwise (the default) it closes once what is queued is sent.
    void setAllowHalfOpen(bool on) { m_allowHalfOpen = on; }
    /// `socket.setNoDelay()`.
    void setNoDelay(bool on);
    /// The error a read ended with (ECONNRESET when the peer reset the connection; 0: none).
    int readError() const { return m_readError; }
    /// `socket.remoteAddress` / `remotePort` ("127.0.0.1", 51234; a path's peer has none).
    QString peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    /// `socket.localPort` (0 while not connected).
    quint16 localPort() const;
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
    /// Beyond Node: the exact bytes as the kernel took them (sent) or gave them (received);
    /// under TLS, the plain text once the TLS layer took it. Costs nothing while nothing is
    /// connected.
    void tapped(StreamSocket::Direction direction, const QByteArray &bytes);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void setUp(int fd);
    void connectToPath(const QString &path);
    void onResolved(QList<QHostAddress> addresses);
    void tryNextAddress();
    void attemptFailed(const HttpError &error);
    void onConnectDone();
    /// Hands the descriptor to Qt's TLS socket and wires it; the caller starts the handshake.
    void setUpTls();
    void startTls();
    void failConnect(const HttpError &error);
    void timerEvent(QTimerEvent *event) override;
    void tapSent(const char *data, qint64 size);
    void onReadable();
    void onTlsError(const HttpError &error);
    void readTls();
    void notifyReadyRead();
    void notifyDisconnected();
    void notifyError(const HttpError &error);
    void onReady(unsigned events);
    void onWritable();
    void updateReadNotifier();
    /// Stops watching the descriptor (it is about to be closed or handed over).
    void unwatch();
    void closeNow();

    int m_fd = -1;
    std::unique_ptr<FdWatch> m_watch; ///< the descriptor's readiness, from the thread's poller
    QByteArray m_input;
    qsizetype m_inputRead = 0;
    QByteArray m_output;
    qsizetype m_outputSent = 0;
    qint64 m_readBufferSize = 0;
    bool m_closing = false;
    bool m_connecting = false;
    int m_noDelay = -1;   // last value set, to skip repeated setsockopt calls
    int m_keepAlive = -1; // likewise (keep-alive delay in ms, 0 off)
    std::optional<std::pair<bool, int>> m_pendingKeepAlive; // set before the descriptor exists
    ConnectOptions m_options;
    QList<QHostAddress> m_candidates;
    QList<HttpError> m_attemptErrors; // one per address tried, for the final error
    QBasicTimer m_attemptTimer;       // autoSelectFamilyAttemptTimeout
    QString m_target;                 // "address:port" or the path being connected to
    QSslSocket *m_tls = nullptr;      // TLS connections delegate to Qt's socket
    bool m_tlsFailed = false;
    Owner *m_owner = nullptr;
    /// Whether someone listens to tapped(): set on connect; after any disconnect it is checked
    /// again at the next use (disconnectNotify may run with Qt's connection lock held, where
    /// isSignalConnected() would deadlock).
    bool tapListened();
    bool m_tapped = false;
    bool m_tapRecheck = false;
    bool m_eof = false;
    bool m_allowHalfOpen = false;
    int m_readError = 0;
    QString m_peerAddress;
    quint16 m_peerPort = 0;
};

} // namespace http
