#pragma once

#include "abortsignal.h"
#include "agent.h"
#include "incomingmessage.h"
#include "messagetransport.h"
#include "outgoingmessage.h"
#include "streamsocket.h"

#include <QBasicTimer>
#include <QPointer>

#include <functional>
#include <optional>
#include <utility>

namespace http {

/// Node's `http.ClientRequest` (lib/_http_client.js): a request in flight. Made by
/// http::request() / http::get(); its response arrives as responseReceived(). The response is a
/// child of the request; the request belongs to the caller (or `parent`).
class ClientRequest : public OutgoingMessage, public MessageTransport, private StreamSocket::Owner {
    Q_OBJECT
    Q_MOC_INCLUDE("incomingmessage.h")
public:
    /// The options of `http.request(options)` (every one the seed lists, plus Node 20's).
    struct Options {
        /// `agent`: null uses http::globalAgent(); see `noAgent`.
        Agent *agent = nullptr;
        /// `agent: false`: a one-off connection, closed after the response.
        bool noAgent = false;
        /// `createConnection`: makes the socket when no agent is used.
        std::function<StreamSocket *(const Agent::ConnectOptions &)> createConnection;
        int family = 0;
        /// `auth`: "user:password" sent as Basic authorization.
        QString auth;
        HeaderList headers;
        QString host;
        QString hostname; ///< wins over `host`
        QString localAddress;
        quint16 localPort = 0; ///< `localPort`: the port to connect from (0: any)
        QByteArray method = "GET";
        QByteArray path; ///< empty: "/" (and, with a URL, the URL's path)
        int defaultPort = 0;
        int port = 0;
        QString protocol = QStringLiteral("http:");
        bool setHost = true;
        QString socketPath;
        int timeout = -1;        ///< ms of socket inactivity before timedOut(); -1: none
        int maxHeaderSize = 0;   ///< 0: http::maxHeaderSize
        int maxHeadersCount = 0; ///< 0: 2000
        bool joinDuplicateHeaders = false;
        /// `uniqueHeaders`: fields sent on one line, list values joined with "; ".
        QByteArrayList uniqueHeaders;
        /// `insecureHTTPParser`: lenient parsing of the response (llhttp's lenient flags).
        bool insecureHTTPParser = false;
        /// `signal`: aborting it destroys the request with an AbortError.
        QPointer<AbortSignal> signal;
        /// https: check the server's certificate (Node's `rejectUnauthorized`, default true).
        bool rejectUnauthorized = true;
        /// https: the TLS server name (SNI); empty: the host.
        QString servername;
        /// `lookup`: resolves the host instead of the system's resolver (dns.lookup).
        StreamSocket::Lookup lookup;
        /// `autoSelectFamily` / `autoSelectFamilyAttemptTimeout` (net.connect's, Node 20's
        /// defaults): try every address of a name, families interleaved.
        bool autoSelectFamily = true;
        int autoSelectFamilyAttemptTimeout = 250;
    };

    /// Node's checks on request options (method token, path characters, protocol: "http:", or
    /// "https:" as `https.request` takes it).
    static HttpError validate(const Options &options);

    explicit ClientRequest(const Options &options, QObject *parent = nullptr);
    /// Beyond Node: the header lines this request would add by itself to `options.headers` when
    /// end() is given a body of `bodyLength` bytes (0: none; -1: none given, so chunked where a
    /// body may go) — Host, Authorization from `auth`, Connection, Content-Length or
    /// Transfer-Encoding — in the order they would go out. Nothing is connected; for previews.
    static HeaderList implicitHeaders(const Options &options, qint64 bodyLength);
    ~ClientRequest() override;

    /// `abort()`: emits aborted() (Node's 'abort'), then destroys the socket.
    void abort();
    /// `destroy([error])`.
    void destroy(const HttpError &error = {});
    /// `setTimeout(msecs)`: timedOut() after `msecs` of socket inactivity (0 turns it off),
    /// counted from the connection (the `timeout` option counts the connecting too).
    void setTimeout(int msecs);
    /// `setNoDelay([noDelay])` and `setSocketKeepAlive([enable][, initialDelay])`, kept for the
    /// socket when there is none yet.
    void setNoDelay(bool noDelay = true);
    void setSocketKeepAlive(bool enable = false, int initialDelayMs = 0);

    /// `aborted` (the signal aborted() is the 'abort' event).
    bool isAborted() const { return m_aborted; }
    /// `path`, `method`, `host`, `protocol`, `reusedSocket`, `maxHeadersCount`.
    const QByteArray &path() const { return m_path; }
    const QByteArray &method() const { return m_method; }
    const QString &host() const { return m_host; }
    const QString &protocol() const { return m_protocol; }
    bool reusedSocket() const { return m_reusedSocket; }
    int maxHeadersCount() const { return m_maxHeadersCount; }
    void setMaxHeadersCount(int count) { m_maxHeadersCount = count; }
    /// `res`: the response, once it arrived.
    IncomingMessage *res() const { return m_res; }
    Agent *agent() const { return m_agent; }

    /// A 1xx interim answer, as Node's 'information' event carries it.
    /// The payload of Node's 'information' event.
    struct Information {
        int statusCode = 0;
        QByteArray statusMessage;
        QByteArray httpVersion;
        int httpVersionMajor = 1;
        int httpVersionMinor = 1;
        Headers headers;
        QByteArrayList rawHeaders;
    };

    void setReadingPaused(bool paused) override;
    void setSocketTimeout(int msecs) override;
    void destroySocket(const HttpError &error) override;

Q_SIGNALS:
    /// Node's 'abort'.
    void aborted();
    /// Node's 'socket'.
    void socketAssigned(QIODevice *socket);
    /// Node's 'response'.
    void responseReceived(IncomingMessage *response);
    /// Node's 'continue' (a 100 answer) and 'information' (every 1xx but 101).
    void continueReceived();
    void informationReceived(const ClientRequest::Information &info);
    /// Node's 'upgrade' / 'connect': the socket and the bytes after the head now belong to the
    /// receiver. Nobody connected: the socket is destroyed.
    void upgradeResponded(IncomingMessage *response, QIODevice *socket, const QByteArray &head);
    void connectResponded(IncomingMessage *response, QIODevice *socket, const QByteArray &head);
    /// Node's 'timeout'.
    void timedOut();

protected:
    HttpError implicitHeader() override;
    bool isClientAgent() const override { return m_agent != nullptr; }
    void finishedHook() override;
    void timerEvent(QTimerEvent *event) override;

private:
    friend class Agent;
    /// `connect` false: the head is set up and nothing more (implicitHeaders()).
    ClientRequest(const Options &options, QObject *parent, bool connect);
    /// Node's `onSocket(socket[, err])`: the agent gives a socket (or an error).
    void onSocket(StreamSocket *socket, const HttpError &error = {});
    void tickOnSocket(StreamSocket *socket);
    void onReadyRead();
    void onSocketClosed();
    void socketReadyRead() override { onReadyRead(); }
    void socketDisconnected() override;
    void socketError(const HttpError &error) override;
    void responseOnEnd();
    void responseKeepAlive();
    void detachSocketListeners();
    void emitError(const HttpError &error);
    void emitCloseOnce();
    void restartTimeout();
    void armTimeout();

    QPointer<Agent> m_agent;
    Agent::ConnectOptions m_connect;
    std::function<StreamSocket *(const Agent::ConnectOptions &)> m_createConnection;
    QByteArray m_method;
    QByteArray m_path;
    QString m_host;
    QString m_protocol;
    int m_timeout = -1;
    int m_maxHeaderSize = 0;
    int m_maxHeadersCount = 0;
    bool m_joinDuplicateHeaders = false;
    bool m_insecureHTTPParser = false;
    HttpError m_destroyError; ///< Node's kError: destroy(error) before a socket came
    bool m_aborted = false;
    bool m_reusedSocket = false;
    bool m_ended = false; // the response ended
    bool m_hadError = false;
    bool m_closedEmitted = false;
    bool m_upgradeOrConnect = false;
    bool m_readingPaused = false;
    bool m_noDelay = true;
    std::optional<std::pair<bool, int>>
        m_pendingKeepAlive;            ///< setSocketKeepAlive() before a socket
    bool m_timeoutFromConnect = false; ///< setTimeout() was called
    class ResponseParser;              // llhttp's callbacks (internal)
    std::unique_ptr<ResponseParser> m_parser;
    QPointer<StreamSocket> m_stream;
    bool m_resetByPeer = false;
    QMetaObject::Connection m_drainConnection; // the socket's bytesWritten → drained()
    QPointer<IncomingMessage> m_res;
    IncomingMessage *m_parsing = nullptr;
    QBasicTimer m_timer;
};

} // namespace http

Q_DECLARE_METATYPE(http::ClientRequest::Information)
