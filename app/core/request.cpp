#include "request.h"

#include "http.h"
#include "variables.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMimeDatabase>

#include <algorithm>

namespace wb {

namespace {

bool hasHeader(const http::OutgoingMessage::HeaderList &headers, const char *name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QByteArray lengthText(qint64 length)
{
    return length < 0 ? QObject::tr("(counted when sent)").toLatin1() : QByteArray::number(length);
}

// The request as httpcore's options, for its head preview.
http::ClientRequest::Options clientOptions(const Request::Prepared &p)
{
    http::ClientRequest::Options o = http::urlToHttpOptions(p.url);
    o.method = p.method;
    o.headers = p.headers;
    o.noAgent = !p.keepAlive;
    o.setHost = !p.url.host().isEmpty();
    return o;
}

// Whether Node frames a body for this request (GET, HEAD, DELETE… get no length by default).
bool nodeFramesBody(const Request::Prepared &p)
{
    const auto node = http::ClientRequest::implicitHeaders(clientOptions(p), 1);
    return hasHeader(node, "content-length") || hasHeader(node, "transfer-encoding");
}

} // namespace

QString Request::path() const
{
    if (name.isEmpty())
        return {};
    return collection.isEmpty() ? name : collection + u'/' + name;
}

QString Request::displayName() const
{
    const QString prefix = QString::fromLatin1(method) + u' ';
    return name.startsWith(prefix) && name.size() > prefix.size() ? name.mid(prefix.size()) : name;
}

QList<QPair<QByteArray, QByteArray>> Request::enabledHeaders() const
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const Header &h : headers)
        if (h.enabled && !h.name.isEmpty())
            out.append({h.name, h.value});
    return out;
}

QString Request::problem(const Variables &vars) const
{
    if (!http::checkIsHttpToken(method))
        return QObject::tr("Method must be a valid HTTP token [\"%1\"]")
            .arg(QString::fromLatin1(method));
    const QString resolved = vars.substitute(url.trimmed());
    if (const QList<Variables::Use> unknown = Variables::uses(resolved); !unknown.isEmpty())
        return QObject::tr("{{%1}} is not in the active environment").arg(unknown.first().name);
    const QUrl u = QUrl::fromUserInput(resolved);
    if (resolved.isEmpty() || !u.isValid() || u.host().isEmpty())
        return QObject::tr("Enter a URL such as http://127.0.0.1:8080/");
    if (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))
        return QObject::tr("Only http:// and https:// URLs can be sent");
    for (const Header &h : headers) {
        if (!h.enabled || (h.name.isEmpty() && h.value.isEmpty()))
            continue;
        if (h.name.isEmpty())
            return QObject::tr("A header needs a name");
        const QByteArray name = vars.substitute(h.name);
        if (http::HttpError e = http::validateHeaderName(name);
            e || (e = http::validateHeaderValue(name, vars.substitute(h.value))))
            return e.message();
    }
    return {};
}

Request::Prepared Request::prepare(const Variables &vars, Purpose purpose) const
{
    Prepared p;
    p.url = QUrl::fromUserInput(vars.substitute(url.trimmed()));
    p.method = method;
    for (const auto &[name, value] : enabledHeaders())
        p.headers.append({vars.substitute(name), vars.substitute(value)});
    p.keepAlive = keepAlive;
    p.timeoutMs = timeoutMs;
    p.insecure = insecure;
    p.lookup = lookup;

    QByteArray contentType;
    if (body.mode == RequestBody::Mode::File) {
        // Streamed when sent: only its size and type are looked at here.
        p.bodyFile = vars.substitute(body.filePath);
        QFile file(p.bodyFile);
        if (p.bodyFile.isEmpty())
            p.error = QObject::tr("no file chosen");
        else if (!file.open(QIODevice::ReadOnly))
            p.error = QObject::tr("%1: cannot read: %2").arg(p.bodyFile, file.errorString());
        p.bodyLength = p.error.isEmpty() ? file.size() : -1;
        contentType = QMimeDatabase().mimeTypeForFile(QFileInfo(p.bodyFile)).name().toLatin1();
    } else if (body.mode == RequestBody::Mode::Multipart && purpose == Purpose::Preview) {
        // The boundary is made anew for each request, and files are read only when sent.
        contentType = "multipart/form-data; boundary=(made when sent)";
        const bool hasFiles = std::any_of(body.fields.cbegin(), body.fields.cend(),
                                          [](const RequestBody::Field &f) { return f.isFile; });
        p.bodyLength = hasFiles ? -1 : body.encode(vars).bytes.size();
    } else {
        const RequestBody::Encoded encoded = body.encode(vars);
        p.body = encoded.bytes;
        p.error = encoded.error;
        p.bodyLength = encoded.bytes.size();
        contentType = encoded.contentType;
    }
    p.hasBody = p.bodyLength != 0 || !p.bodyFile.isEmpty();

    const QByteArray authorization = auth.header(vars);
    if (!authorization.isEmpty() && !hasHeader(p.headers, "authorization"))
        p.added.append({"Authorization", authorization, QObject::tr("From the Auth tab")});
    if (!contentType.isEmpty() && !hasHeader(p.headers, "content-type"))
        p.added.append({"Content-Type", contentType, QObject::tr("From the Body tab")});
    auto headersSoFar = [&p] {
        for (const Added &a : std::as_const(p.added))
            if (!hasHeader(p.headers, a.name.constData()))
                p.headers.append({a.name, a.value});
    };
    headersSoFar();
    if (!hasHeader(p.headers, "content-length") && !hasHeader(p.headers, "transfer-encoding")) {
        if (!p.bodyFile.isEmpty() && p.bodyLength >= 0) {
            p.added.append(
                {"Content-Length", QByteArray::number(p.bodyLength),
                 QObject::tr("From the Body tab: the file's size (the file is streamed, not "
                             "loaded)")});
        } else if (p.bodyLength != 0 && p.bodyFile.isEmpty() && !nodeFramesBody(p)) {
            p.added.append({"Content-Length", lengthText(p.bodyLength),
                            QObject::tr("Added by Wirebench: Node sends a %1 body with no "
                                        "length, which a server cannot read")
                                .arg(QString::fromLatin1(method))});
        }
        headersSoFar();
    }
    return p;
}

QList<Request::Added> Request::implicitHeaders(const Variables &vars) const
{
    const Prepared p = prepare(vars, Purpose::Preview);
    QList<Added> out = p.added;
    // What Node's ClientRequest adds, from httpcore itself (Host, Connection, Content-Length…).
    const QString client = QObject::tr("Added by Node's ClientRequest");
    const auto node =
        http::ClientRequest::implicitHeaders(clientOptions(p), p.bodyLength < 0 ? 1 : p.bodyLength);
    for (const auto &[name, value] : node) {
        const QByteArray lower = name.toLower();
        if (lower == "content-length")
            out.append({name, lengthText(p.bodyLength),
                        client + QObject::tr(": the length of the body given to end()")});
        else if (lower == "connection")
            out.append({name, value,
                        keepAlive ? client + QObject::tr(" (a keep-alive Agent)")
                                  : client + QObject::tr(" (agent: false)")});
        else
            out.append({name, value, client});
    }
    return out;
}

QJsonObject Request::toJson() const
{
    QJsonArray list;
    for (const Header &h : headers) {
        QJsonArray row{QString::fromLatin1(h.name), QString::fromLatin1(h.value)};
        if (!h.enabled)
            row.append(false);
        list.append(row);
    }
    return {{QStringLiteral("name"), name},
            {QStringLiteral("method"), QString::fromLatin1(method)},
            {QStringLiteral("url"), url},
            {QStringLiteral("headers"), list},
            {QStringLiteral("body"), body.toJson()},
            {QStringLiteral("auth"), auth.toJson()},
            {QStringLiteral("options"),
             QJsonObject{{QStringLiteral("keepAlive"), keepAlive},
                         {QStringLiteral("timeoutMs"), timeoutMs},
                         {QStringLiteral("acceptInvalidCertificates"), insecure},
                         {QStringLiteral("followRedirects"), followRedirects}}}};
}

Request Request::fromJson(const QJsonObject &o)
{
    Request r;
    r.name = o.value(QStringLiteral("name")).toString();
    r.method = o.value(QStringLiteral("method")).toString(QStringLiteral("GET")).toLatin1();
    r.url = o.value(QStringLiteral("url")).toString();
    // ["Name", "value"], with a third element false when the row is switched off.
    for (const QJsonValue &h : o.value(QStringLiteral("headers")).toArray())
        r.headers.append(
            {h[0].toString().toLatin1(), h[1].toString().toLatin1(), h[2].toBool(true)});
    // "body": an object (its mode and content); a plain string is raw text.
    const QJsonValue body = o.value(QStringLiteral("body"));
    if (body.isObject()) {
        r.body = RequestBody::fromJson(body.toObject());
    } else if (!body.toString().isEmpty()) {
        r.body.mode = RequestBody::Mode::Raw;
        r.body.text = body.toString();
    }
    const QJsonObject options = o.value(QStringLiteral("options")).toObject();
    r.keepAlive = options.value(QStringLiteral("keepAlive")).toBool(true);
    r.timeoutMs = options.value(QStringLiteral("timeoutMs")).toInt(0);
    r.insecure = options.value(QStringLiteral("acceptInvalidCertificates")).toBool(false);
    r.followRedirects = options.value(QStringLiteral("followRedirects")).toInt(0);
    r.auth = RequestAuth::fromJson(o.value(QStringLiteral("auth")).toObject());
    return r;
}

} // namespace wb
