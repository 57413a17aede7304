#include "serverconnection.h"

#include "incomingmessage.h"
#include "nexttick.h"
#include "server.h"
#include "serverresponse.h"
#include "streamsocket.h"
#include "systemerror.h"

#include <QElapsedTimer>
#include <QMetaMethod>
#include <QPointer>
#include <QTimerEvent>

namespace http {

namespace {

// Node 20 adds this to keepAliveTimeout before it closes an idle connection.
constexpr int kKeepAliveTimeoutBuffer = 1000;
constexpr int kMaxQueuedResponses = 32;

qint64 monotonicMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

QByteArray cannedAnswer(const QByteArray &code)
{
    if (code == "HPE_HEADER_OVERFLOW")
        return QByteArrayLiteral(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");
    if (code == "HPE_CHUNK_EXTENSIONS_OVERFLOW")
        return QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n");
    if (code == "ERR_HTTP_REQUEST_TIMEOUT")
        return QByteArrayLiteral("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
    return QByteArrayLiteral("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
}

} // namespace

ServerConnection::ServerConnection(Server *server, StreamSocket *socket)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
    , m_parser(HttpParser::Type::Request, this, server->maxHeaderSize())
{
    socket->setParent(this);
    // Node keeps 2000 header pairs unless maxHeadersCount says otherwise.
    m_parser.setMaxHeadersCount(server->maxHeadersCount() > 0 ? server->maxHeadersCount() : 2000);
    m_messageStart = m_lastActivity = monotonicMs();
    m_socketTimeout = server->timeout();
    const http::ServerOptions &options = server->options();
    m_parser.setLenient(options.insecureHTTPParser);
    socket->setNoDelay(options.noDelay);
    if (options.keepAlive) // net.Server hands libuv whole seconds
        socket->setKeepAlive(true, options.keepAliveInitialDelay / 1000 * 1000);
    socket->setReadBufferSize(64 * 1024);
    connect(socket, &StreamSocket::disconnected, this, &ServerConnection::onDisconnected);
    connect(socket, &QIODevice::readyRead, this, &ServerConnection::onReadyRead);
    // Node's server sockets are half-open: the peer's FIN ends the parse (socketOnEnd).
    socket->setAllowHalfOpen(true);
    connect(socket, &QIODevice::readChannelFinished, this, [this] {
        m_peerEnded = true;
        // libuv reports the end in a read of its own: what the last bytes started (a request's
        // 'end', an answer) runs first.
        NextTick::post(this, [this] { maybeEndInput(); });
    });
    connect(socket, &QIODevice::bytesWritten, this, [this] {
        touch();
        if (m_paused & PipelinePressure)
            updatePipelinePressure();
        if (m_current)
            m_current->socketDrained();
    });
    scheduleTimer();
}

ServerConnection::~ServerConnection() = default;

bool ServerConnection::isIdle() const
{
    return m_incoming.isEmpty() && !m_parser.inMessage() && !m_current;
}

void ServerConnection::touch()
{
    m_lastActivity = monotonicMs();
}

void ServerConnection::onReadyRead()
{
    if (m_paused || m_errored || m_gone || !m_socket->isConnected())
        return;
    touch();
    const QByteArray data = m_socket->takeInput();
    if (!data.isEmpty())
        parse(data);
    if (m_peerEnded)
        NextTick::post(this, [this] { maybeEndInput(); });
}

void ServerConnection::maybeEndInput()
{
    // Node's socketOnEnd, once every byte before the FIN has been parsed.
    if (!m_peerEnded || m_paused || m_errored || m_gone || m_socket->bytesAvailable() > 0)
        return;
    m_peerEnded = false;
    if (HttpError e = m_parser.finish()) { // a request cut short: Node's 400
        socketOnError(e);
        return;
    }
    // server.httpAllowHalfOpen is false (Node's default): requests still waiting for their
    // answer are aborted and the socket ends once what is queued is sent.
    m_socket->disconnectFromHost();
}

void ServerConnection::parse(const QByteArray &data)
{
    const HttpParser::Result result = m_parser.execute(data.constData(), data.size());
    if (result.error) {
        socketOnError(result.error);
        return;
    }
    if (result.upgraded) {
        handleUpgrade(data.mid(result.consumed));
        return;
    }
    if (m_active)
        scheduleTimer();
}

void ServerConnection::onMessageBegin()
{
    m_active = true;
    m_messageStart = monotonicMs();
}

int ServerConnection::onHeadersComplete(HttpParser::Head &head)
{
    const http::ServerOptions &options = m_server->options();
    IncomingMessage *req =
        options.incomingMessage ? options.incomingMessage(this) : new IncomingMessage(this);
    req->setHead(head.versionMajor, head.versionMinor, std::move(head.method), std::move(head.url),
                 0, {}, std::move(head.rawHeaders), options.joinDuplicateHeaders);
    req->setTransport(m_socket, this);
    req->setReadableHighWaterMark(options.highWaterMark);
    m_parsing = req;
    return onIncoming(req, head.shouldKeepAlive);
}

int ServerConnection::onIncoming(IncomingMessage *req, bool keepAlive)
{
    // resetSocketTimeout(): a new request ends the keep-alive wait.
    if (m_keepAliveTimeoutSet) {
        m_socketTimeout = m_server->timeout();
        m_keepAliveTimeoutSet = false;
    }

    const bool upgradeHeader = req->headers().contains("upgrade") &&
                               http::containsWord(req->headers().value("connection"), "upgrade");
    if (req->method() == "CONNECT" ||
        (upgradeHeader && m_server->hasListener(&Server::upgradeRequested))) {
        req->setUpgrade(true);
        m_upgrade = req;
        return 2;
    }

    m_incoming.append(req);

    const http::ServerOptions &options = m_server->options();
    ServerResponse *res =
        options.serverResponse ? options.serverResponse(req, this) : new ServerResponse(req, this);
    res->m_keepAliveTimeout = m_server->keepAliveTimeout();
    res->m_highWaterMark = options.highWaterMark;
    res->m_shouldKeepAlive = keepAlive;
    res->m_maxRequestsPerSocket = m_server->maxRequestsPerSocket();
    res->setUniqueHeaders(options.uniqueHeaders);
    res->m_transport = this;
    res->m_connection = this;
    if (m_current)
        m_outgoing.append(res);
    else
        assign(res);
    updatePipelinePressure();

    if (req->httpVersionMajor() == 1 && req->httpVersionMinor() == 1) {
        // RFC 9112 3.2: an HTTP/1.1 request without Host gets 400.
        if (m_server->requireHostHeader() && !req->headers().contains("host")) {
            res->writeHead(400, {{"Connection", "close"}});
            res->end();
            return 0;
        }
        const int limit = m_server->maxRequestsPerSocket();
        if (limit > 0) {
            ++m_requestCount;
            res->m_maxRequestsOnConnectionReached = limit <= m_requestCount;
        }
        if (limit > 0 && limit < m_requestCount) {
            emit m_server->requestDropped(req, m_socket);
            res->writeHead(503);
            res->end();
            return 0;
        }
        if (req->headers().contains("expect")) {
            if (http::containsWord(req->headers().value("expect"), "100-continue")) {
                res->m_expectContinue = true;
                if (m_server->hasListener(&Server::continueExpected)) {
                    emit m_server->continueExpected(req, res);
                } else {
                    res->writeContinue();
                    emit m_server->requestReceived(req, res);
                }
            } else if (m_server->hasListener(&Server::expectationReceived)) {
                emit m_server->expectationReceived(req, res);
            } else {
                res->writeHead(417);
                res->end();
            }
            return 0;
        }
    }
    emit m_server->requestReceived(req, res);
    return 0;
}

void ServerConnection::assign(ServerResponse *res)
{
    m_current = res;
    res->assignSocket(m_socket);
}

void ServerConnection::onBody(const char *data, qsizetype length)
{
    if (m_parsing)
        m_parsing->pushBody(QByteArray(data, length));
}

void ServerConnection::onMessageComplete(QByteArrayList &rawTrailers)
{
    m_active = false;
    if (IncomingMessage *req = std::exchange(m_parsing, nullptr); req && !req->upgrade())
        req->pushEnd(std::move(rawTrailers));
}

void ServerConnection::responseFinished(IncomingMessage *req, ServerResponse *res)
{
    if (m_gone)
        return;
    m_incoming.removeOne(req);
    if (!req->readableEnded() || req->readableLength() > 0)
        req->dump();
    res->detachSocket();
    res->m_connection = nullptr;
    if (m_current == res)
        m_current = nullptr;
    NextTick::post(res, [req, res] {
        res->emitClose();
        const bool requestDone = req->complete();
        if (requestDone)
            req->emitClose();
        delete res;
        if (requestDone)
            delete req;
    });

    if (res->isLast()) {
        endSoon();
    } else if (m_outgoing.isEmpty()) {
        if (m_server->m_closing && isIdle()) {
            endSoon();
        } else if (m_server->keepAliveTimeout() > 0) {
            m_socketTimeout = m_server->keepAliveTimeout() + kKeepAliveTimeoutBuffer;
            m_keepAliveTimeoutSet = true;
            touch();
            scheduleTimer();
        }
    } else {
        assign(m_outgoing.takeFirst());
    }
    updatePipelinePressure();
}

void ServerConnection::updatePipelinePressure()
{
    const bool pressure = m_outgoing.size() >= kMaxQueuedResponses ||
                          m_socket->bytesToWrite() >= m_server->options().highWaterMark;
    if (pressure == bool(m_paused & PipelinePressure))
        return;
    if (pressure) {
        m_paused |= PipelinePressure;
        return;
    }
    m_paused &= ~PipelinePressure;
    if (!m_paused)
        QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

void ServerConnection::setReadingPaused(bool paused)
{
    const int before = m_paused;
    if (paused)
        m_paused |= BodyPressure;
    else
        m_paused &= ~BodyPressure;
    if (before && !m_paused)
        QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

void ServerConnection::handleUpgrade(const QByteArray &head)
{
    IncomingMessage *req = std::exchange(m_upgrade, nullptr);
    m_parsing = nullptr;
    detachFromSocket();
    QIODevice *socket = m_socket;
    const bool isConnect = req->method() == "CONNECT";
    if (!isConnect || m_server->hasListener(&Server::connectRequested)) {
        // The socket and the request now belong to whoever handles the event.
        socket->setParent(m_server);
        req->setParent(socket);
        req->setTransport(socket, nullptr);
        m_socket = nullptr;
        if (isConnect)
            emit m_server->connectRequested(req, socket, head);
        else
            emit m_server->upgradeRequested(req, socket, head);
    } else {
        destroySocket();
    }
    m_server->connectionGone(this);
}

void ServerConnection::detachFromSocket()
{
    m_gone = true;
    m_timer.stop();
    disconnect(m_socket, nullptr, this, nullptr);
}

void ServerConnection::socketOnError(const HttpError &error)
{
    if (m_errored)
        return;
    m_errored = true;
    m_active = false;
    if (m_server->hasListener(&Server::clientErrorOccurred)) {
        emit m_server->clientErrorOccurred(error, m_socket);
        return;
    }
    if (m_socket->isConnected() && (!m_current || !m_current->headerWritten()))
        m_socket->write(cannedAnswer(error.code()));
    destroySocket();
}

void ServerConnection::socketOnTimeout()
{
    bool handled = false;
    if (m_parsing && !m_parsing->complete())
        handled = m_parsing->emitTimeout();
    if (m_current)
        handled = m_current->emitTimeout() || handled;
    if (m_server->hasListener(&Server::timedOut)) {
        emit m_server->timedOut(m_socket);
        handled = true;
    }
    if (!handled)
        destroySocket();
}

void ServerConnection::setSocketTimeout(int msecs)
{
    m_socketTimeout = msecs;
    m_keepAliveTimeoutSet = false;
    touch();
    scheduleTimer();
}

void ServerConnection::scheduleTimer()
{
    if (m_gone)
        return;
    const http::ServerOptions &o = m_server->options();
    qint64 due = -1;
    auto consider = [&due](qint64 at) {
        if (due < 0 || at < due)
            due = at;
    };
    if (m_active && o.headersTimeout > 0 && !m_parser.headersCompleted())
        consider(m_messageStart + o.headersTimeout);
    if (m_active && o.requestTimeout > 0)
        consider(m_messageStart + o.requestTimeout);
    if (m_socketTimeout > 0)
        consider(m_lastActivity + m_socketTimeout);
    if (due < 0)
        return;
    if (!m_timer.isActive() || due < m_timerDue) {
        m_timerDue = due;
        m_timer.start(int(qMax<qint64>(0, due - monotonicMs())), Qt::PreciseTimer, this);
    }
}

void ServerConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    m_timer.stop();
    if (m_gone || m_errored)
        return;
    const http::ServerOptions &o = m_server->options();
    const qint64 now = monotonicMs();
    const qint64 age = now - m_messageStart;
    if (m_active &&
        ((o.headersTimeout > 0 && !m_parser.headersCompleted() && age >= o.headersTimeout) ||
         (o.requestTimeout > 0 && age >= o.requestTimeout))) {
        socketOnError(HttpError("ERR_HTTP_REQUEST_TIMEOUT", QStringLiteral("Request timeout")));
        return;
    }
    if (m_socketTimeout > 0 && now - m_lastActivity >= m_socketTimeout &&
        m_socket->hasUnreadInput()) {
        touch(); // bytes came while this thread was busy: not the peer's silence
    } else if (m_socketTimeout > 0 && now - m_lastActivity >= m_socketTimeout) {
        m_lastActivity = now;
        socketOnTimeout();
        if (m_gone)
            return;
    }
    scheduleTimer();
}

void ServerConnection::endSoon()
{
    m_timer.stop();
    m_socket->disconnectFromHost();
}

void ServerConnection::destroySocket(const HttpError &error)
{
    if (!m_socket)
        return;
    if (!error.isNull() && !m_errored && m_server->hasListener(&Server::clientErrorOccurred)) {
        m_errored = true;
        NextTick::post(m_server, [server = m_server, error, socket = QPointer(m_socket)] {
            emit server->clientErrorOccurred(error, socket);
        });
    }
    m_timer.stop();
    m_socket->flush();
    m_socket->abort();
}

void ServerConnection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_timer.stop();
    // Node's socketOnError for a connection reset: clientError, the socket already destroyed.
    if (const int error = m_socket->readError();
        error && !m_errored && m_server->hasListener(&Server::clientErrorOccurred)) {
        const HttpError e = systemerror::fromErrno(error, "read", QString(), false);
        emit m_server->clientErrorOccurred(HttpError(e.code(), e.message().trimmed()), m_socket);
    }
    // abortIncoming(): requests that did not complete are aborted.
    QList<IncomingMessage *> incoming = std::exchange(m_incoming, {});
    if (m_parsing && !incoming.contains(m_parsing))
        incoming.append(m_parsing);
    m_parsing = nullptr;
    for (IncomingMessage *req : incoming)
        req->abort();
    if (m_current)
        m_current->emitClose();
    for (ServerResponse *res : std::as_const(m_outgoing))
        res->emitClose();
    m_server->connectionGone(this);
}

} // namespace http
