#include "clientrequest.h"

#include "http.h"
#include "httpparser.h"
#include "incomingmessage.h"
#include "nexttick.h"
#include "streamsocket.h"
#include "systemerror.h"

#include <QMetaMethod>
#include <QTimerEvent>

#include <cerrno>

namespace http {

namespace {

// Node's INVALID_PATH_REGEX: no control characters or spaces in a request path.
bool hasInvalidPathChar(QByteArrayView path)
{
    for (char c : path)
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f)
            return true;
    return false;
}

bool isBodylessMethod(QByteArrayView m)
{
    return m == "GET" || m == "HEAD" || m == "DELETE" || m == "OPTIONS" || m == "TRACE" ||
           m == "CONNECT";
}

HttpError connResetError(const char *message)
{
    return HttpError("ECONNRESET", QString::fromLatin1(message));
}

} // namespace

// The response parser: llhttp's callbacks, handled for the request (Node's parserOnIncomingClient
// and the parser's kOnBody / kOnMessageComplete).
class ClientRequest::ResponseParser final : public HttpParser::Handler {
public:
    ResponseParser(ClientRequest *request, int maxHeaderSize, int maxHeadersCount)
        : q(request)
        , parser(HttpParser::Type::Response, this, maxHeaderSize)
    {
        parser.setMaxHeadersCount(maxHeadersCount);
        parser.setLenient(request->m_insecureHTTPParser);
    }
    int onHeadersComplete(HttpParser::Head &head) override
    {
        if (q->m_res) { // a second response to one request
            NextTick::post(q, [q = q] { q->destroy(); });
            return 0;
        }
        const int status = head.statusCode;
        if (status >= 100 && status < 200 && status != 101) {
            if (status == 100)
                emit q->continueReceived();
            ClientRequest::Information info;
            info.statusCode = status;
            info.statusMessage = head.statusMessage;
            info.httpVersion =
                QByteArray::number(head.versionMajor) + '.' + QByteArray::number(head.versionMinor);
            info.httpVersionMajor = head.versionMajor;
            info.httpVersionMinor = head.versionMinor;
            info.headers = Headers::fromRaw(head.rawHeaders, q->m_joinDuplicateHeaders);
            info.rawHeaders = head.rawHeaders;
            emit q->informationReceived(info);
            return 1; // skip the (empty) body, wait for the final answer
        }
        auto *res = new IncomingMessage(q);
        res->setHead(head.versionMajor, head.versionMinor, {}, {}, status,
                     std::move(head.statusMessage), std::move(head.rawHeaders),
                     q->m_joinDuplicateHeaders);
        res->setTransport(q->m_stream, q);
        q->m_res = res;
        q->m_parsing = res;
        if (head.upgrade || q->m_method == "CONNECT") {
            res->setUpgrade(true);
            return 2;
        }
        if (q->m_shouldKeepAlive && !head.shouldKeepAlive && !q->m_upgradeOrConnect)
            q->m_shouldKeepAlive = false;
        // The connection ends with this response (either side said so): if it closes from
        // here on, that is why.
        if (!q->m_shouldKeepAlive && q->m_agent)
            q->m_agent->noteEnding(q->m_stream, QStringLiteral("not kept alive"));
        // Ours first, so the socket is looked after whatever the user's handlers do.
        QObject::connect(res, &IncomingMessage::ended, q, &ClientRequest::responseOnEnd);
        if (q->m_aborted ||
            !q->isSignalConnected(QMetaMethod::fromSignal(&ClientRequest::responseReceived)))
            res->dump(); // nobody can read it: let it flow into the void, as Node does
        else
            emit q->responseReceived(res);
        if (q->m_method == "HEAD" || status == 304)
            return 1;
        return 0;
    }

    void onBody(const char *data, qsizetype length) override
    {
        if (q->m_parsing)
            q->m_parsing->pushBody(QByteArray(data, length));
    }

    void onMessageComplete(QByteArrayList &rawTrailers) override
    {
        if (IncomingMessage *res = std::exchange(q->m_parsing, nullptr); res && !res->upgrade())
            res->pushEnd(std::move(rawTrailers));
    }

    ClientRequest *q;
    HttpParser parser;
};

HttpError ClientRequest::validate(const Options &options)
{
    if (!options.method.isEmpty() && !http::checkIsHttpToken(options.method))
        return HttpError("ERR_INVALID_HTTP_TOKEN",
                         QStringLiteral("Method must be a valid HTTP token [\"%1\"]")
                             .arg(QString::fromLatin1(options.method)));
    if (hasInvalidPathChar(options.path))
        return HttpError("ERR_UNESCAPED_CHARACTERS",
                         QStringLiteral("Request path contains unescaped characters"));
    for (const auto &[name, value] : options.headers) // Node's setHeader throws on these
        if (HttpError e = http::validateHeaderName(name);
            e || (e = http::validateHeaderValue(name, value)))
            return e;
    const QString expected = options.agent ? options.agent->options().protocol
                             : options.protocol == QLatin1String("https:")
                                 ? QStringLiteral("https:")
                                 : QStringLiteral("http:");
    if (options.protocol != expected)
        return HttpError("ERR_INVALID_PROTOCOL",
                         QStringLiteral("Protocol \"%1\" not supported. Expected \"%2\"")
                             .arg(options.protocol, expected));
    return {};
}

ClientRequest::ClientRequest(const Options &options, QObject *parent)
    : ClientRequest(options, parent, true)
{
}

ClientRequest::ClientRequest(const Options &options, QObject *parent, bool connect)
    : OutgoingMessage(parent)
    , m_createConnection(options.createConnection)
    , m_method(options.method.isEmpty() ? QByteArray("GET") : options.method.toUpper())
    , m_path(options.path.isEmpty() ? QByteArray("/") : options.path)
    , m_protocol(options.protocol)
    , m_timeout(options.timeout)
    , m_maxHeaderSize(options.maxHeaderSize)
    , m_maxHeadersCount(options.maxHeadersCount)
    , m_joinDuplicateHeaders(options.joinDuplicateHeaders)
    , m_insecureHTTPParser(options.insecureHTTPParser)
{
    setUniqueHeaders(options.uniqueHeaders);
    const bool tls = options.protocol == QLatin1String("https:");
    if (options.noAgent) {
        // Node: a fresh default Agent, which does not keep alive.
        Agent::Options fresh;
        fresh.protocol = options.protocol;
        m_agent = new Agent(fresh, this);
    } else if (options.agent) {
        m_agent = options.agent;
    } else if (!options.createConnection) {
        m_agent = tls ? https::globalAgent() : http::globalAgent();
    }

    const int defaultPort = options.defaultPort ? options.defaultPort
                            : m_agent           ? m_agent->defaultPort()
                                                : 0;
    const int port = options.port ? options.port : (defaultPort ? defaultPort : 80);
    m_host = !options.hostname.isEmpty() ? options.hostname
             : !options.host.isEmpty()   ? options.host
                                         : QStringLiteral("localhost");
    m_connect.host = m_host;
    m_connect.port = quint16(port);
    m_connect.family = options.family;
    m_connect.localAddress = options.localAddress;
    m_connect.localPort = options.localPort;
    m_connect.socketPath = options.socketPath;
    m_connect.tls = tls;
    m_connect.servername = options.servername;
    m_connect.rejectUnauthorized = options.rejectUnauthorized;
    m_connect.lookup = options.lookup;
    m_connect.autoSelectFamily = options.autoSelectFamily;
    m_connect.autoSelectFamilyAttemptTimeout = options.autoSelectFamilyAttemptTimeout;

    m_useChunkedEncodingByDefault = !isBodylessMethod(m_method);
    if (m_agent) {
        // Keep-alive only where the agent can really reuse the connection.
        const bool reusable = m_agent->keepAlive() || m_agent->maxSockets() != INT_MAX;
        m_last = !reusable;
        m_shouldKeepAlive = reusable;
    }

    for (const auto &[name, value] : options.headers) {
        if (hasHeader(name))
            appendHeader(name, value);
        else
            setHeader(name, value);
    }
    if (!m_host.isEmpty() && getHeader("host").isNull() && options.setHost) {
        QString hostHeader = m_host;
        const qsizetype colon = hostHeader.indexOf(u':');
        if (colon != -1 && hostHeader.indexOf(u':', colon + 1) != -1 &&
            !hostHeader.startsWith(u'['))
            hostHeader = u'[' + hostHeader + u']';
        if (port != defaultPort)
            hostHeader += u':' + QString::number(port);
        setHeader("Host", hostHeader.toLatin1());
    }
    if (!options.auth.isEmpty() && getHeader("authorization").isNull())
        setHeader("Authorization", "Basic " + options.auth.toUtf8().toBase64());
    if (!getHeader("expect").isNull())
        implicitHeader(); // sent at once, so the server can answer 100 Continue

    if (!connect) // a preview of the head (implicitHeaders())
        return;
    if (AbortSignal *signal = options.signal) { // Node's addAbortSignalNoValidate()
        if (signal->isAborted())
            destroy(AbortSignal::abortError());
        else
            QObject::connect(signal, &AbortSignal::aborted, this,
                             [this] { destroy(AbortSignal::abortError()); });
    }
    if (m_agent) {
        m_agent->addRequest(this, m_connect);
    } else {
        m_last = true;
        m_shouldKeepAlive = false;
        StreamSocket *socket = m_createConnection(m_connect);
        if (socket && !socket->parent())
            socket->setParent(this);
        onSocket(socket, socket ? HttpError() : connResetError("socket hang up"));
    }
}

OutgoingMessage::HeaderList ClientRequest::implicitHeaders(const Options &options,
                                                           qint64 bodyLength)
{
    // The head itself, as the constructor and end() would make it, then only what the caller's
    // headers did not already say.
    ClientRequest preview(options, nullptr, false);
    preview.setContentLength(bodyLength);
    if (preview.rawHeader().isNull())
        preview.implicitHeader();
    OutgoingMessage::HeaderList given = options.headers;
    OutgoingMessage::HeaderList added;
    const QList<QByteArray> lines = preview.rawHeader().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // after the request line
        const QByteArray line = lines[i].chopped(lines[i].endsWith('\r') ? 1 : 0);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QPair<QByteArray, QByteArray> field{line.left(colon), line.mid(colon + 2)};
        if (!given.removeOne(field))
            added.append(field);
    }
    return added;
}

ClientRequest::~ClientRequest()
{
    if (m_stream && m_stream->owner() == this)
        m_stream->setOwner(nullptr);
}

HttpError ClientRequest::implicitHeader()
{
    if (headersSent())
        return HttpError("ERR_HTTP_HEADERS_SENT",
                         QStringLiteral("Cannot render headers after they are sent to the client"));
    return storeHeader(m_method + ' ' + m_path + " HTTP/1.1\r\n");
}

void ClientRequest::onSocket(StreamSocket *socket, const HttpError &error)
{
    NextTick::post(this, [this, socket = QPointer<StreamSocket>(socket), error] {
        if (isDestroyed() || error) {
            markDestroyed();
            if (socket && !error && m_agent && socket->isConnected())
                m_agent->socketFree(socket, false);
            else if (socket)
                socket->abort();
            if (error || m_destroyError || !m_aborted)
                emitError(error            ? error
                          : m_destroyError ? m_destroyError
                                           : connResetError("socket hang up"));
            emitCloseOnce();
            return;
        }
        if (socket)
            tickOnSocket(socket);
    });
}

void ClientRequest::tickOnSocket(StreamSocket *socket)
{
    m_parser = std::make_unique<ResponseParser>(
        this, m_maxHeaderSize > 0 ? m_maxHeaderSize : http::maxHeaderSize,
        m_maxHeadersCount > 0 ? m_maxHeadersCount : 2000);
    m_stream = socket;
    socket->setNoDelay(m_noDelay);
    if (m_pendingKeepAlive) {
        socket->setKeepAlive(m_pendingKeepAlive->first, m_pendingKeepAlive->second);
        m_pendingKeepAlive.reset();
    }
    socket->setReadBufferSize(64 * 1024);
    socket->setOwner(this);
    if (m_timeout > 0 || (m_agent && m_agent->options().timeout > 0))
        armTimeout();
    // Node's ondrain: a body written in pieces goes on when the socket's backlog goes down.
    m_drainConnection = connect(socket, &QIODevice::bytesWritten, this, [this] {
        if (m_timer.isActive()) // written bytes are activity too, as Node's socket counts
            restartTimeout();
        socketDrained();
    });
    emit socketAssigned(socket);
    assignSocket(socket);
    if (socket->bytesAvailable() > 0)
        NextTick::post(this, [this] { onReadyRead(); });
}

void ClientRequest::onReadyRead()
{
    if (!m_stream || !m_parser || m_readingPaused)
        return;
    const QByteArray data = m_stream->takeInput();
    if (data.isEmpty())
        return;
    restartTimeout();
    const HttpParser::Result result = m_parser->parser.execute(data.constData(), data.size());
    if (result.error) {
        // Node's socketOnData on a parse error: the parser is freed and the socket destroyed;
        // its close then ends the response as any lost connection does (aborted, close…).
        m_parser.reset();
        m_parsing = nullptr;
        m_hadError = true;
        m_stream->abort();
        emitError(result.error);
        return;
    }
    if (!result.upgraded || !m_res)
        return;
    // Upgrade (101) or CONNECT answered: hand the socket over, or close it.
    const QByteArray head = data.mid(result.consumed);
    const bool isConnect = m_method == "CONNECT";
    const QMetaMethod signal = isConnect
                                   ? QMetaMethod::fromSignal(&ClientRequest::connectResponded)
                                   : QMetaMethod::fromSignal(&ClientRequest::upgradeResponded);
    StreamSocket *socket = m_stream;
    detachSocketListeners();
    if (!isSignalConnected(signal)) {
        socket->abort();
        emitCloseOnce();
        return;
    }
    m_upgradeOrConnect = true;
    if (m_agent)
        m_agent->detachSocket(socket);
    // Out of the pool, but still owned: by the agent (or this request when there is none) until
    // the receiver reparents or deletes it.
    socket->setParent(m_agent ? static_cast<QObject *>(m_agent) : this);
    if (isConnect)
        emit connectResponded(m_res, socket, head);
    else
        emit upgradeResponded(m_res, socket, head);
    markDestroyed();
    emitCloseOnce();
}

void ClientRequest::responseOnEnd()
{
    m_ended = true;
    m_timer.stop();
    IncomingMessage *res = m_res;
    auto closeResponse = [res] {
        if (res)
            NextTick::post(res, [res] { res->emitClose(); });
    };
    if (!m_shouldKeepAlive) {
        closeResponse(); // before the socket's close
        if (m_stream && m_stream->isConnected())
            m_stream->disconnectFromHost();
        return;
    }
    if (writableFinished() && !m_aborted)
        responseKeepAlive(); // the request's close, then the response's
    closeResponse();
}

void ClientRequest::finishedHook()
{
    // Node's requestOnFinish(): the whole response may have come before the request was sent.
    if (m_shouldKeepAlive && m_ended)
        responseKeepAlive();
}

void ClientRequest::responseKeepAlive()
{
    StreamSocket *socket = m_stream;
    if (!socket)
        return;
    m_timer.stop();
    detachSocketListeners();
    markDestroyed();
    if (m_res)
        m_res->setTransport(nullptr, nullptr);
    QPointer<Agent> agent = m_agent;
    QPointer<StreamSocket> guarded = socket;
    const bool keep = m_shouldKeepAlive;
    NextTick::post(this, [this, agent, guarded, keep] {
        emitCloseOnce();
        if (agent && guarded)
            agent->socketFree(guarded, keep);
    });
}

void ClientRequest::detachSocketListeners()
{
    if (m_stream && m_stream->owner() == this)
        m_stream->setOwner(nullptr);
    disconnect(m_drainConnection);
    detachSocket();
    m_stream = nullptr;
}

void ClientRequest::socketDisconnected()
{
    // A reset before any answer is Node's socket error "read ECONNRESET", not a hang-up.
    m_resetByPeer = m_stream && m_stream->readError() == ECONNRESET;
    // The peer's end completes a close-delimited body (Node's socketOnEnd: parser.finish()).
    if (m_stream)
        onReadyRead();
    if (m_parser && m_parsing)
        m_parser->parser.finish();
    // Node reports the socket's close after the I/O callbacks that are under way: two ticks.
    NextTick::post(this, [this] { NextTick::post(this, [this] { onSocketClosed(); }); });
}

void ClientRequest::socketError(const HttpError &error)
{
    if (m_hadError)
        return;
    m_hadError = true;
    emitError(error);
}

void ClientRequest::onSocketClosed()
{
    markDestroyed();
    m_timer.stop();
    m_stream = nullptr;
    if (m_res) {
        if (!m_res->complete())
            m_res->abort();
        emitCloseOnce();
    } else {
        if (!m_hadError) {
            m_hadError = true;
            emitError(m_resetByPeer ? systemerror::fromErrno(ECONNRESET, "read", {}, false)
                                    : connResetError("socket hang up"));
        }
        emitCloseOnce();
    }
}

void ClientRequest::emitError(const HttpError &error)
{
    // The socket goes with the error: the pool says why (its first reason stays).
    if (m_agent && m_stream)
        m_agent->noteEnding(m_stream, QStringLiteral("error %1").arg(QLatin1String(error.code())));
    emit errorOccurred(error);
}

void ClientRequest::emitCloseOnce()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    emitClose();
}

void ClientRequest::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    NextTick::post(this, [this] { emit aborted(); });
    destroy();
}

void ClientRequest::destroy(const HttpError &error)
{
    if (isDestroyed() && !m_stream)
        return;
    markDestroyed();
    if (m_res)
        m_res->dump();
    if (!m_stream) { // onSocket() reports the error once the agent answers
        m_destroyError = error;
        return;
    }
    if (m_agent && m_stream && !error)
        m_agent->noteEnding(m_stream, QStringLiteral("request destroyed"));
    if (error) {
        m_hadError = true;
        emitError(error);
    }
    if (m_stream)
        m_stream->abort();
}

void ClientRequest::setTimeout(int msecs)
{
    m_timeout = msecs;
    m_timeoutFromConnect = true;
    if (m_stream)
        armTimeout();
}

void ClientRequest::armTimeout()
{
    // Node's setSocketTimeout: set by setTimeout() on a socket still connecting, the timer
    // starts once it is connected (the `timeout` option counts from the socket's creation).
    if (m_timeoutFromConnect && m_stream->isConnecting()) {
        connect(
            m_stream, &StreamSocket::connected, this, [this] { restartTimeout(); },
            Qt::SingleShotConnection);
        return;
    }
    restartTimeout();
}

void ClientRequest::restartTimeout()
{
    const int ms = m_timeout >= 0 ? m_timeout : (m_agent ? m_agent->options().timeout : 0);
    if (ms > 0)
        m_timer.start(ms, Qt::PreciseTimer, this);
    else
        m_timer.stop();
}

void ClientRequest::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return OutgoingMessage::timerEvent(event);
    m_timer.stop();
    if (m_stream && !m_readingPaused && m_stream->hasUnreadInput()) {
        restartTimeout(); // bytes came while this thread was busy: they are read next
        return;
    }
    emit timedOut();
    if (m_res)
        m_res->emitTimeout();
}

void ClientRequest::setNoDelay(bool noDelay)
{
    m_noDelay = noDelay;
    if (m_stream)
        m_stream->setNoDelay(noDelay);
}

void ClientRequest::setSocketKeepAlive(bool enable, int initialDelayMs)
{
    if (m_stream)
        m_stream->setKeepAlive(enable, initialDelayMs);
    else // Node defers it to the socket
        m_pendingKeepAlive = {enable, initialDelayMs};
}

void ClientRequest::setReadingPaused(bool paused)
{
    m_readingPaused = paused;
    if (!paused)
        NextTick::post(this, [this] { onReadyRead(); });
}

void ClientRequest::setSocketTimeout(int msecs)
{
    setTimeout(msecs);
}

void ClientRequest::destroySocket(const HttpError &error)
{
    // The response was destroyed: the socket's error (if any) reaches the request first.
    if (!error.isNull() && !m_hadError) {
        m_hadError = true;
        NextTick::post(this, [this, error] { emitError(error); });
    }
    destroy();
}

} // namespace http
