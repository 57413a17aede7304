#include "mockengine.h"

#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"

#include <QTimer>

#include <cstdio>

namespace wb {

namespace {

// JSON.stringify's string form: escapes quote, backslash and control characters only.
void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
                out += escaped;
            } else
                out += QString(ch).toUtf8();
        }
    }
    out += '"';
}

void appendLatin1List(QByteArray &out, const QByteArrayList &list)
{
    out += '[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, QString::fromLatin1(list[i]));
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
        appendJsonString(out, QString::fromLatin1(f.name));
        out += ':';
        if (f.isList)
            appendLatin1List(out, f.values);
        else
            appendJsonString(out, QString::fromLatin1(f.values.value(0)));
    }
    out += '}';
}

bool pathMatches(QStringView pattern, QStringView path)
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
            continue;
        }
        if (want[i] != got[i])
            return false;
    }
    return want.size() == got.size();
}

QByteArrayView pathOf(QByteArrayView url)
{
    const qsizetype q = url.indexOf('?');
    return q < 0 ? url : url.first(q);
}

} // namespace

MockEngine::MockEngine(QObject *parent)
    : QObject(parent)
{
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
    for (int i = 0; i < m_specs.size(); ++i) {
        const MockServerSpec &spec = m_specs[i];
        http::ServerOptions options;
        options.keepAliveTimeout = spec.keepAliveTimeout;
        options.headersTimeout = spec.headersTimeout;
        options.requestTimeout = spec.requestTimeout;
        options.maxHeaderSize = spec.maxHeaderSize;
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
    return QStringLiteral("http://%1:%2").arg(host).arg(server->port());
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

const MockRoute *MockEngine::match(const QList<MockRoute> &routes, QByteArrayView method,
                                   QByteArrayView url)
{
    const QString path = QString::fromLatin1(pathOf(url));
    for (const MockRoute &route : routes) {
        const bool methodOk = route.method == "*" || route.method == method ||
                              (route.method == "GET" && method == "HEAD");
        if (methodOk && pathMatches(route.path, path))
            return &route;
    }
    return nullptr;
}

QByteArray MockEngine::echoJson(const http::IncomingMessage *req, const QByteArray &body)
{
    QByteArray out = "{\"method\":";
    appendJsonString(out, QString::fromLatin1(req->method()));
    out += ",\"url\":";
    appendJsonString(out, QString::fromLatin1(req->url()));
    out += ",\"httpVersion\":";
    appendJsonString(out, QString::fromLatin1(req->httpVersion()));
    out += ",\"rawHeaders\":";
    appendLatin1List(out, req->rawHeaders());
    out += ",\"headers\":";
    appendHeaders(out, req->headers());
    out += ",\"body\":";
    appendJsonString(out, QString::fromUtf8(body));
    out += ",\"rawTrailers\":";
    appendLatin1List(out, req->rawTrailers());
    out += ",\"trailers\":";
    appendHeaders(out, req->trailers());
    out += '}';
    return out;
}

void MockEngine::handle(int serverIndex, http::IncomingMessage *req, http::ServerResponse *res)
{
    const MockRoute *route = match(m_specs[serverIndex].routes, req->method(), req->url());
    auto body = std::make_shared<QByteArray>();
    connect(req, &http::IncomingMessage::dataReceived, res,
            [body](const QByteArray &chunk) { *body += chunk; });
    connect(req, &http::IncomingMessage::ended, res, [this, route, req, res, body] {
        if (route && route->delayMs > 0)
            QTimer::singleShot(route->delayMs, Qt::PreciseTimer, res,
                               [this, route, req, res, body] { respond(route, req, res, *body); });
        else
            respond(route, req, res, *body);
    });
}

void MockEngine::respond(const MockRoute *route, http::IncomingMessage *req,
                         http::ServerResponse *res, const QByteArray &body)
{
    if (res->isDestroyed() || res->isFinished())
        return;
    if (!route) {
        res->setStatusCode(404);
        res->setHeader("Content-Type", "text/plain; charset=utf-8");
        res->end("No route for " + req->method() + ' ' + pathOf(req->url()).toByteArray() + '\n');
        return;
    }
    if (route->echo) {
        res->setStatusCode(200);
        res->setHeader("Content-Type", "application/json");
        res->end(echoJson(req, body));
        return;
    }
    res->setStatusCode(route->status);
    if (!route->statusMessage.isNull())
        res->setStatusMessage(route->statusMessage);
    // Each name once, in first-seen order; repeated names become one multi-valued header.
    QList<QPair<QByteArray, QByteArrayList>> grouped;
    for (const auto &[name, value] : route->headers) {
        auto it = std::find_if(grouped.begin(), grouped.end(), [&](const auto &g) {
            return g.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (it == grouped.end())
            grouped.append({name, {value}});
        else
            it->second.append(value);
    }
    for (const auto &[name, values] : grouped) {
        if (values.size() == 1)
            res->setHeader(name, values.first());
        else
            res->setHeader(name, values);
    }
    // Trailers need a chunked body: not for HTTP/1.0 (without TE: chunked), HEAD, 1xx/204/304,
    // or an explicit Content-Length.
    const bool http10 = req->httpVersionMajor() < 1 || req->httpVersionMinor() < 1;
    const bool chunkable =
        !(http10 && !http::containsWord(req->headers().value("te"), "chunked")) &&
        req->method() != "HEAD" && route->status >= 200 && route->status != 204 &&
        route->status != 304 && !res->hasHeader("content-length");
    if (chunkable && !route->trailers.isEmpty()) {
        if (!res->hasHeader("trailer")) {
            QByteArrayList names;
            for (const auto &t : route->trailers)
                names.append(t.first);
            res->setHeader("Trailer", names.join(", "));
        }
        res->addTrailers(route->trailers);
    } else if (!chunkable) {
        res->removeHeader("trailer");
    }
    if (route->hasChunks) {
        for (const QByteArray &chunk : route->chunks)
            res->write(chunk);
        res->end();
    } else {
        res->end(route->body);
    }
}

} // namespace wb
