#pragma once

#include <QByteArray>
#include <QIODevice>

class QSocketNotifier;

/// Node's `net.Socket` for accepted TCP and Unix-domain connections: a non-blocking stream
/// whose writes are tried at once (as libuv does) and queued only when the kernel is full.
/// It is the socket Server hands out (connectionAccepted, upgradeRequested, clientError…).
class StreamSocket : public QIODevice {
    Q_OBJECT
public:
    /// Takes ownership of a connected, accepted descriptor.
    explicit StreamSocket(qintptr descriptor, QObject *parent = nullptr);
    ~StreamSocket() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override { return m_output.size() - m_outputSent; }
    void close() override;

    /// True until the connection is closed by either side.
    bool isConnected() const { return m_fd >= 0; }
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
    /// Node's `close` on the socket: the connection is gone.
    void disconnected();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void onReadable();
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
    bool m_eof = false;
    QString m_peerAddress;
    quint16 m_peerPort = 0;
};
