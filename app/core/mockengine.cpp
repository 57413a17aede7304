#include "mockengine.h"

#include "agent.h"
#include "clientrequest.h"
#include "exchangerecord.h"
#include "http.h"
#include "incomingmessage.h"
#include "jsonstring.h"
#include "mockrequest.h"
#include "mocktemplate.h"
#include "server.h"
#include "serverresponse.h"
#include "streamsocket.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>

namespace wb {

namespace {

// JSON.stringify's string form: escapes quote, backslash and control characters only.
void appendLatin1List(QByteArray &out, const QByteArrayList &list)
{
    out += '[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i)
            out += ',';
        jsonstring::append(out, QString::fromLatin1(list[i]));
    }
    out += ']';
}

void appendHeaders(QByteArray &out, const http::Headers &headers)
{
    out += '{';
    bool first = true;
    for (const http::Headers::Field &f : headers.fields()) {
        if (!first)
            out += ',';
        first = false;
        jsonstring::append(out, QString::fromLatin1(f.name));
        out += ':';
        if (f.isList)
            appendLatin1List(out, f.values);
        else
            jsonstring::append(out, QString::fromLatin1(f.values.value(0)));
    }
    out += '}';
}

// A route path: `/users/:id` (one segment each), a last `*` (the rest), or `*` (any path).
bool pathMatches(QStringView pattern, QStringView path, QMap<QString, QString> *params)
{
    if (pattern == u"*")
        return true;
    const QList<QStringView> want = pattern.split(u'/');
    const QList<QStringView> got = path.split(u'/');
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (i == want.size() - 1 && want[i] == u"*")
            return got.size() >= want.size() - 1;
        if (i >= got.size())
            return false;
        if (want[i].startsWith(u':') && want[i].size() > 1) {
            if (got[i].isEmpty())
                return false;
            params->insert(want[i].mid(1).toString(),
                           QUrl::fromPercentEncoding(got[i].toString().toUtf8()));
            continue;
        }
        if (want[i] != got[i])
            return false;
    }
    return want.size() == got.size();
}

// The request's JSON holds `want`: objects field by field (nested the same way), a "/…/" string
// as a regular expression, anything else equal.
bool jsonContains(const QJsonValue &have, const QJsonValue &want)
{
    if (want.isObject()) {
        const QJsonObject w = want.toObject();
        const QJsonObject h = have.toObject();
        if (!have.isObject())
            return false;
        for (auto it = w.begin(); it != w.end(); ++it)
            if (!h.contains(it.key()) || !jsonContains(h.value(it.key()), it.value()))
                return false;
        return true;
    }
    const QString text = want.toString();
    if (want.isString() && text.size() >= 2 && text.startsWith(u'/') && text.endsWith(u'/')) {
        const QString value = have.isDouble() ? QString::number(have.toDouble()) : have.toString();
        return (have.isString() || have.isDouble()) &&
               QRegularExpression(text.mid(1, text.size() - 2)).match(value).hasMatch();
    }
    return have == want;
}

bool rulesHold(const MockMatch &m, const MockRequest &request)
{
    for (const auto &[name, pattern] : m.query) {
        bool found = false;
        const QString value = request.query(name, &found);
        if (!found || !pattern.matches(value))
            return false;
    }
    for (const auto &[name, pattern] : m.headers)
        if (!request.hasHeader(name) || !pattern.matches(QString::fromLatin1(request.header(name))))
            return false;
    if (!m.hasBody)
        return true;
    if (m.bodyIsJson)
        return request.json().isObject() && jsonContains(request.json().object(), m.bodyJson);
    return m.bodyText.matches(QString::fromUtf8(request.body()));
}

// Each name once, in first-seen order; repeated names become one multi-valued header.
QList<QPair<QByteArray, QByteArrayList>> grouped(const QList<QPair<QByteArray, QByteArray>> &list)
{
    QList<QPair<QByteArray, QByteArrayList>> out;
    for (const auto &field : list) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &g) {
            return g.first.compare(field.first, Qt::CaseInsensitive) == 0;
        });
        if (it == out.end())
            out.append({field.first, {field.second}});
        else
            it->second.append(field.second);
    }
    return out;
}

// Headers a proxy does not pass on: they describe one connection, not the message.
bool hopByHop(const QByteArray &name)
{
    static const QByteArrayList names{"connection", "keep-alive", "transfer-encoding",
                                      "proxy-connection", "upgrade"};
    return names.contains(name.toLower());
}

} // namespace

QByteArray MockEngine::LogEntry::toJsonLine(const QString &serverName) const
{
    // In the order people read it (a QJsonObject would sort the keys).
    auto text = [](const QString &t) {
        return QJsonDocument(QJsonArray{t}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    };
    QByteArray out =
        "{\"time\":" + text(time.toString(Qt::ISODateWithMs)) + ",\"server\":" + text(serverName) +
        ",\"method\":" + text(QString::fromLatin1(method)) +
        ",\"url\":" + text(QString::fromLatin1(url)) + ",\"status\":" + QByteArray::number(status) +
        ",\"route\":" +
        (proxied      ? QByteArray("\"proxy\"")
         : route >= 0 ? QByteArray::number(route)
                      : QByteArray("null")) +
        ",\"ms\":" + QByteArray::number(ms, 'f', 3) +
        ",\"bytesIn\":" + QByteArray::number(bytesIn) +
        ",\"bytesOut\":" + QByteArray::number(bytesOut) + ",\"fault\":" +
        (fault == MockFault::None ? QByteArray("null") : text(MockFile::faultName(fault))) + '}';
    return out;
}

QJsonObject MockEngine::LogEntry::toHistoryEntry(const QString &baseUrl) const
{
    QJsonArray headers;
    for (qsizetype i = 0; i + 1 < requestHeaders.size(); i += 2)
        headers.append(QJsonArray{QString::fromLatin1(requestHeaders[i]),
                                  QString::fromLatin1(requestHeaders[i + 1])});
    // The response as history keeps one: its head parsed back from the bytes sent.
    ExchangeRecord x;
    x.url = baseUrl + QString::fromLatin1(url);
    x.hasResponse = !responseHead.isEmpty();
    const QByteArrayList lines = responseHead.split('\n');
    const QByteArrayList start = lines.value(0).trimmed().split(' ');
    x.httpVersion = start.value(0).mid(5);
    x.statusCode = status;
    x.statusMessage = start.mid(2).join(' ');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            x.rawHeaders << line.left(colon) << line.mid(colon + 1).trimmed();
    }
    x.body = responseBody;
    x.bodySize = qMax<qint64>(responseBody.size(), bytesOut - responseHead.size());
    x.complete = x.hasResponse && fault == MockFault::None;
    x.elapsedMs = ms;
    x.done = true;
    x.wireKept = false;
    x.bytesSent = bytesOut;
    x.bytesReceived = bytesIn;
    if (fault != MockFault::None)
        x.error = http::HttpError(
            "EFAULT", QStringLiteral("the \"%1\" fault").arg(MockFile::faultName(fault)));
    return {{QStringLiteral("time"), time.toString(Qt::ISODateWithMs)},
            {QStringLiteral("status"), QString::number(status)},
            {QStringLiteral("ms"), ms},
            {QStringLiteral("request"),
             QJsonObject{{QStringLiteral("method"), QString::fromLatin1(method)},
                         {QStringLiteral("url"), x.url},
                         {QStringLiteral("headers"), headers},
                         {QStringLiteral("body"), QString::fromUtf8(requestBody)}}},
            {QStringLiteral("response"), x.toJson(qMax<qsizetype>(responseBody.size(), 1))}};
}

/// One request being served: everything its answer and its log line need.
struct MockEngine::Served {
    int server = 0;
    QPointer<http::IncomingMessage> req;
    QPointer<http::ServerResponse> res;
    QByteArray body;
    std::unique_ptr<MockRequest> request;
    QElapsedTimer clock;
    qint64 hit = 0;
    LogEntry log;
    bool logged = false;
};

MockEngine::MockEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<wb::MockEngine::LogEntry>();
}

MockEngine::~MockEngine() = default;

http::HttpError MockEngine::start(const MockFile &file, const QString &hostOverride,
                                  int portOverride)
{
    m_specs = file.servers;
    if (!m_specs.isEmpty()) {
        if (!hostOverride.isEmpty())
            m_specs[0].host = hostOverride;
        if (portOverride >= 0)
            m_specs[0].port = portOverride;
    }
    m_hits.clear();
    for (int i = 0; i < m_specs.size(); ++i) {
        const MockServerSpec &spec = m_specs[i];
        m_hits.append(QList<qint64>(spec.routes.size(), 0));
        http::ServerOptions options;
        options.keepAliveTimeout = spec.keepAliveTimeout;
        options.headersTimeout = spec.headersTimeout;
        options.requestTimeout = spec.requestTimeout;
        options.maxHeaderSize = spec.maxHeaderSize;
        options.cert = spec.tlsCert;
        options.key = spec.tlsKey;
        auto *server = new http::Server(options, this);
        connect(server, &http::Server::requestReceived, this,
                [this, i](http::IncomingMessage *req, http::ServerResponse *res) {
                    handle(i, req, res);
                });
        connect(server, &http::Server::closed, this, &MockEngine::serverClosed);
        if (http::HttpError e = server->listen(quint16(spec.port), spec.host)) {
            delete server;
            for (http::Server *s : std::as_const(m_servers))
                delete s;
            m_servers.clear();
            return http::HttpError(e.code(), QStringLiteral("%1: %2").arg(spec.name, e.message()));
        }
        m_servers.append(server);
    }
    m_open = int(m_servers.size());
    return {};
}

QString MockEngine::url(int index) const
{
    const http::Server *server = m_servers.value(index);
    if (!server)
        return {};
    QString host = m_specs[index].host;
    if (host.isEmpty())
        host = QStringLiteral("0.0.0.0");
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return QStringLiteral("%1://%2:%3")
        .arg(m_specs[index].tlsKey.isNull() ? QStringLiteral("http") : QStringLiteral("https"),
             host)
        .arg(server->port());
}

void MockEngine::setRoutes(int index, const QList<MockRoute> &routes)
{
    if (index < 0 || index >= m_specs.size())
        return;
    m_specs[index].routes = routes;
    m_hits[index].resize(routes.size()); // counts kept by position
}

void MockEngine::close()
{
    if (m_open == 0) {
        QMetaObject::invokeMethod(this, &MockEngine::closed, Qt::QueuedConnection);
        return;
    }
    for (http::Server *s : std::as_const(m_servers))
        s->close();
}

void MockEngine::serverClosed()
{
    if (--m_open == 0)
        emit closed();
}

int MockEngine::match(const QList<MockRoute> &routes, MockRequest &request)
{
    const QByteArray &method = request.method();
    for (int i = 0; i < routes.size(); ++i) {
        const MockRoute &route = routes[i];
        if (!route.enabled || !(route.method == "*" || route.method == method ||
                                (route.method == "GET" && method == "HEAD")))
            continue;
        QMap<QString, QString> params;
        if (pathMatches(route.path, request.path(), &params) && rulesHold(route.match, request)) {
            request.params = params;
            return i;
        }
    }
    return -1;
}

QByteArray MockEngine::echoJson(const http::IncomingMessage *req, const QByteArray &body)
{
    QByteArray out = "{\"method\":";
    jsonstring::append(out, QString::fromLatin1(req->method()));
    out += ",\"url\":";
    jsonstring::append(out, QString::fromLatin1(req->url()));
    out += ",\"httpVersion\":";
    jsonstring::append(out, QString::fromLatin1(req->httpVersion()));
    out += ",\"rawHeaders\":";
    appendLatin1List(out, req->rawHeaders());
    out += ",\"headers\":";
    appendHeaders(out, req->headers());
    out += ",\"body\":";
    jsonstring::append(out, QString::fromUtf8(body));
    out += ",\"rawTrailers\":";
    appendLatin1List(out, req->rawTrailers());
    out += ",\"trailers\":";
    appendHeaders(out, req->trailers());
    out += '}';
    return out;
}

void MockEngine::handle(int serverIndex, http::IncomingMessage *req, http::ServerResponse *res)
{
    auto x = std::make_shared<Served>();
    x->server = serverIndex;
    x->req = req;
    x->res = res;
    x->clock.start();
    if (m_logging) {
        x->log.time = QDateTime::currentDateTimeUtc();
        x->log.server = serverIndex;
        x->log.method = req->method();
        x->log.url = req->url();
        x->log.requestHeaders = req->rawHeaders();
        // The answer ends (or the connection closes first): its line is written.
        connect(res, &http::OutgoingMessage::closed, this, [this, x] { finishLog(x); });
    }
    connect(req, &http::IncomingMessage::dataReceived, res,
            [x](const QByteArray &chunk) { x->body += chunk; });
    connect(req, &http::IncomingMessage::ended, res, [this, x] { dispatch(x); });
}

void MockEngine::dispatch(const std::shared_ptr<Served> &x)
{
    const MockServerSpec &spec = m_specs[x->server];
    x->request = std::make_unique<MockRequest>(*x->req, x->body);
    if (m_logging) {
        x->log.requestBody = m_bodyLimit < 0 ? x->body : x->body.left(m_bodyLimit);
        qint64 head = x->log.method.size() + x->log.url.size() + 12; // "M U HTTP/1.1\r\n"
        for (const QByteArray &part : std::as_const(x->log.requestHeaders))
            head += part.size() + 2; // "Name: " and "value\r\n"
        x->log.bytesIn = head + 2 + x->body.size();
    }
    if (spec.cors && answerPreflight(x))
        return;
    const int index = match(spec.routes, *x->request);
    if (index < 0) {
        if (!spec.proxy.isEmpty()) {
            proxy(x);
            return;
        }
        MockResponse notFound;
        notFound.status = 404;
        notFound.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
        notFound.body =
            "No route for " + x->request->method() + ' ' + x->request->path().toLatin1() + '\n';
        respond(x, notFound);
        return;
    }
    const MockRoute &route = spec.routes[index];
    x->log.route = index;
    x->log.routePath = route.path;
    x->hit = ++m_hits[x->server][index];
    const qsizetype n = route.responses.size();
    // Copied: an edit to the route while it waits does not change this answer.
    const MockResponse response = n == 0 ? route.response
                                  : route.random
                                      ? route.responses[QRandomGenerator::global()->bounded(int(n))]
                                      : route.responses[(x->hit - 1) % n];
    if (response.delayMs > 0)
        QTimer::singleShot(response.delayMs, Qt::PreciseTimer, x->res,
                           [this, x, response] { respond(x, response); });
    else
        respond(x, response);
}

bool MockEngine::answerPreflight(const std::shared_ptr<Served> &x)
{
    const MockRequest &r = *x->request;
    if (r.method() != "OPTIONS" || !r.hasHeader("origin") ||
        !r.hasHeader("access-control-request-method"))
        return false;
    QByteArrayList methods{r.header("access-control-request-method")};
    for (const MockRoute &route : m_specs[x->server].routes)
        if (route.enabled && route.method != "*" && !methods.contains(route.method))
            methods.append(route.method);
    http::OutgoingMessage::HeaderList headers{{"Access-Control-Allow-Origin", r.header("origin")},
                                              {"Access-Control-Allow-Methods", methods.join(", ")}};
    if (r.hasHeader("access-control-request-headers"))
        headers.append(
            {"Access-Control-Allow-Headers", r.header("access-control-request-headers")});
    headers.append({QByteArray("Access-Control-Max-Age"), QByteArray("86400")});
    headers.append({QByteArray("Vary"), QByteArray("Origin")});
    x->res->writeHead(204, headers);
    x->res->end();
    return true;
}

void MockEngine::respond(const std::shared_ptr<Served> &x, const MockResponse &r)
{
    http::ServerResponse *res = x->res;
    if (!res || !x->req || res->isDestroyed() || res->isFinished())
        return;
    const MockRequest &request = *x->request;
    auto render = [&](const QByteArray &text) {
        return r.templated ? MockTemplate::render(text, request, x->hit) : text;
    };
    if (m_specs[x->server].cors && !request.header("origin").isEmpty())
        res->setHeader("Access-Control-Allow-Origin", request.header("origin"));
    else if (m_specs[x->server].cors)
        res->setHeader("Access-Control-Allow-Origin", "*");
    if (r.echo) {
        const QByteArray body = echoJson(x->req, x->body);
        res->setStatusCode(200);
        res->setHeader("Content-Type", "application/json");
        x->log.bytesOut = body.size();
        keepBody(x, body);
        res->end(body);
        return;
    }
    QByteArray body;
    QByteArrayList chunks;
    if (r.hasChunks)
        for (const QByteArray &chunk : r.chunks)
            chunks.append(render(chunk));
    else
        body = render(r.body);
    res->setStatusCode(r.status);
    if (!r.statusMessage.isNull())
        res->setStatusMessage(r.statusMessage);
    for (const auto &[name, values] : grouped(r.headers)) {
        QByteArrayList rendered;
        for (const QByteArray &v : values)
            rendered.append(render(v));
        if (rendered.size() == 1)
            res->setHeader(name, rendered.first());
        else
            res->setHeader(name, rendered);
    }
    if (r.fault != MockFault::None || r.dribbleMs > 0) {
        misbehave(x, r, r.hasChunks ? chunks.join() : body);
        return;
    }
    // Trailers need a chunked body: not for HTTP/1.0 (without TE: chunked), HEAD, 1xx/204/304,
    // or an explicit Content-Length.
    const http::IncomingMessage *req = x->req;
    const bool http10 = req->httpVersionMajor() < 1 || req->httpVersionMinor() < 1;
    const bool chunkable =
        !(http10 && !http::containsWord(req->headers().value("te"), "chunked")) &&
        req->method() != "HEAD" && r.status >= 200 && r.status != 204 && r.status != 304 &&
        !res->hasHeader("content-length");
    if (chunkable && !r.trailers.isEmpty()) {
        QList<QPair<QByteArray, QByteArray>> trailers;
        for (const auto &[name, value] : r.trailers)
            trailers.append({name, render(value)});
        if (!res->hasHeader("trailer")) {
            QByteArrayList names;
            for (const auto &t : trailers)
                names.append(t.first);
            res->setHeader("Trailer", names.join(", "));
        }
        res->addTrailers(trailers);
    } else if (!chunkable) {
        res->removeHeader("trailer");
    }
    if (r.hasChunks) {
        for (const QByteArray &chunk : std::as_const(chunks)) {
            x->log.bytesOut += chunk.size();
            keepBody(x, chunk);
            res->write(chunk);
        }
        res->end();
    } else {
        x->log.bytesOut = body.size();
        keepBody(x, body);
        res->end(body);
    }
}

void MockEngine::misbehave(const std::shared_ptr<Served> &x, const MockResponse &r,
                           const QByteArray &body)
{
    auto *socket = qobject_cast<http::StreamSocket *>(x->req->socket());
    http::ServerResponse *res = x->res;
    x->log.fault = r.fault;
    if (!socket)
        return;
    switch (r.fault) {
    case MockFault::Reset:
        socket->resetAndDestroy();
        return;
    case MockFault::Empty:
        socket->abort();
        return;
    case MockFault::Garbage: {
        // Not HTTP from the first byte: a client's parser stops at once.
        QByteArray noise(64, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(noise.data()),
                                              noise.size() / 4);
        noise[0] = '\x01';
        x->log.bytesOut = noise.size();
        socket->write(noise);
        socket->disconnectFromHost();
        return;
    }
    case MockFault::Truncate:
        res->setHeader("Content-Length", QByteArray::number(body.size()));
        res->write(body.left(body.size() / 2));
        x->log.bytesOut = body.size() / 2;
        socket->flush();
        socket->disconnectFromHost();
        return;
    case MockFault::None:
        break;
    }
    // dribbleMs: the head as the store holds it, the body with its length, then closed.
    QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' +
                      (r.statusMessage.isNull() ? http::STATUS_CODES().value(r.status, "unknown")
                                                : r.statusMessage) +
                      "\r\n";
    const QByteArrayList names = res->getRawHeaderNames();
    for (const QByteArray &name : names)
        for (const QByteArray &value : res->getHeaderValues(name.toLower()))
            head += name + ": " + value + "\r\n";
    if (!res->hasHeader("content-length"))
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    dribble(x, head + body, r.dribbleMs);
}

void MockEngine::dribble(const std::shared_ptr<Served> &x, const QByteArray &bytes, int overMs)
{
    auto *socket = qobject_cast<http::StreamSocket *>(x->req->socket());
    // Every ~10 ms, what is due by then: the share of the bytes the time gone says, the last
    // ones at `overMs`.
    auto *timer = new QTimer(socket);
    timer->setTimerType(Qt::PreciseTimer);
    timer->setInterval(10);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [x, socket, timer, bytes, overMs, clock, sent] {
        const qint64 elapsed = clock->elapsed();
        const qsizetype due =
            elapsed >= overMs ? bytes.size() : qsizetype(bytes.size() * elapsed / overMs);
        if (due > *sent) {
            socket->write(bytes.mid(*sent, due - *sent));
            *sent = due;
            x->log.bytesOut = *sent;
        }
        if (*sent >= bytes.size()) {
            timer->stop();
            socket->disconnectFromHost();
        }
    });
    timer->start();
}

void MockEngine::proxy(const std::shared_ptr<Served> &x)
{
    const MockServerSpec &spec = m_specs[x->server];
    const QUrl target(spec.proxy);
    x->log.proxied = true;
    if (!m_proxyAgent) {
        http::Agent::Options options;
        options.keepAlive = true;
        m_proxyAgent = new http::Agent(options, this);
    }
    http::ClientRequest::Options o = http::urlToHttpOptions(target);
    o.method = x->req->method();
    o.path = x->req->url();
    o.agent = m_proxyAgent;
    const QByteArrayList &raw = x->req->rawHeaders();
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2) {
        if (raw[i].compare("host", Qt::CaseInsensitive) == 0)
            o.headers.append({raw[i], target.authority().toLatin1()}); // the target's own name
        else if (!hopByHop(raw[i]))
            o.headers.append({raw[i], raw[i + 1]});
    }
    auto badGateway = [this, x](const http::HttpError &e) {
        http::ServerResponse *res = x->res;
        if (!res || res->isFinished() || res->isDestroyed())
            return;
        if (res->headersSent()) { // broken mid-answer: the client sees it break too
            res->destroy();
            return;
        }
        MockResponse answer;
        answer.status = 502;
        answer.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
        answer.body = "Proxy to " + m_specs[x->server].proxy.toLatin1() + " failed: " + e.code() +
                      ' ' + e.message().toUtf8() + '\n';
        respond(x, answer);
    };
    http::HttpError error;
    http::ClientRequest *upstream = http::request(o, {}, x->res, &error);
    if (!upstream) {
        badGateway(error);
        return;
    }
    connect(upstream, &http::OutgoingMessage::errorOccurred, this, badGateway);
    connect(upstream, &http::ClientRequest::responseReceived, this,
            [this, x](http::IncomingMessage *answer) {
                http::ServerResponse *res = x->res;
                if (!res || res->isDestroyed())
                    return;
                http::OutgoingMessage::HeaderList headers;
                const QByteArrayList &raw = answer->rawHeaders();
                for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
                    if (!hopByHop(raw[i]))
                        headers.append({raw[i], raw[i + 1]});
                if (m_specs[x->server].cors)
                    headers.append(
                        {"Access-Control-Allow-Origin", x->request->header("origin").isEmpty()
                                                            ? QByteArray("*")
                                                            : x->request->header("origin")});
                x->log.responseStatusMessage = answer->statusMessage();
                x->log.responseHeaders = raw;
                res->writeHead(answer->statusCode(), answer->statusMessage(), headers);
                connect(answer, &http::IncomingMessage::dataReceived, res,
                        [this, x, res](const QByteArray &chunk) {
                            keepBody(x, chunk);
                            x->log.bytesOut += chunk.size();
                            res->write(chunk);
                        });
                connect(answer, &http::IncomingMessage::ended, res, [answer, res] {
                    const QByteArrayList &t = answer->rawTrailers();
                    http::OutgoingMessage::HeaderList trailers;
                    for (qsizetype i = 0; i + 1 < t.size(); i += 2)
                        trailers.append({t[i], t[i + 1]});
                    if (!trailers.isEmpty())
                        res->addTrailers(trailers);
                    res->end();
                });
            });
    upstream->end(x->body);
}

void MockEngine::keepBody(const std::shared_ptr<Served> &x, const QByteArray &bytes)
{
    if (!m_logging)
        return;
    QByteArray &kept = x->log.responseBody;
    kept += m_bodyLimit < 0 ? bytes : bytes.left(qMax<qsizetype>(0, m_bodyLimit - kept.size()));
}

void MockEngine::finishLog(const std::shared_ptr<Served> &x)
{
    if (x->logged)
        return;
    x->logged = true;
    http::ServerResponse *res = x->res;
    x->log.status = res && res->headersSent() ? res->statusCode() : 0;
    if (x->log.fault == MockFault::Garbage || x->log.fault == MockFault::Reset ||
        x->log.fault == MockFault::Empty)
        x->log.status = 0;
    x->log.ms = double(x->clock.nsecsElapsed()) / 1e6;
    if (res) {
        x->log.responseHead = res->rawHeader();
        x->log.bytesOut += x->log.responseHead.size();
    }
    emit requestLogged(x->log);
}

} // namespace wb
