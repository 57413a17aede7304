#include "mockfile.h"

#include "http.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wb {

namespace {

// Where each value of a (valid) JSON text starts: path such as `servers[0].port` → line.
class LineIndex {
public:
    explicit LineIndex(const QByteArray &text)
        : m_s(text)
    {
        value(QString());
    }
    int line(const QString &path) const { return m_lines.value(path, 0); }

private:
    void skipSpace()
    {
        while (m_i < m_s.size() &&
               (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r')) {
            if (m_s[m_i] == '\n')
                ++m_line;
            ++m_i;
        }
    }
    bool at(char c)
    {
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    QString string()
    {
        QByteArray out;
        ++m_i; // opening quote
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            if (m_s[m_i] == '\\')
                ++m_i;
            if (m_i < m_s.size())
                out += m_s[m_i++];
        }
        ++m_i;
        return QString::fromUtf8(out);
    }
    void value(const QString &path)
    {
        skipSpace();
        if (m_i >= m_s.size())
            return;
        m_lines.insert(path, m_line);
        const char c = m_s[m_i];
        if (c == '{') {
            ++m_i;
            if (at('}'))
                return;
            do {
                skipSpace();
                const QString key = string();
                at(':');
                value(path.isEmpty() ? key : path + u'.' + key);
            } while (at(','));
            at('}');
        } else if (c == '[') {
            ++m_i;
            if (at(']'))
                return;
            int index = 0;
            do {
                value(QStringLiteral("%1[%2]").arg(path).arg(index++));
            } while (at(','));
            at(']');
        } else if (c == '"') {
            string();
        } else {
            while (m_i < m_s.size() && !QByteArrayView(",]} \t\r\n").contains(m_s[m_i]))
                ++m_i;
        }
    }

    const QByteArray &m_s;
    qsizetype m_i = 0;
    int m_line = 1;
    QHash<QString, int> m_lines;
};

struct Checker {
    const QString &fileName;
    const LineIndex &lines;
    QString error;

    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty()) {
            const int line = lines.line(path);
            error = QStringLiteral("%1:%2: %3: %4")
                        .arg(fileName)
                        .arg(line)
                        .arg(path.isEmpty() ? QStringLiteral("(top level)") : path, what);
        }
        return false;
    }

    static QString describe(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::String:
            return QStringLiteral("the string \"%1\"").arg(v.toString());
        case QJsonValue::Double:
            return QStringLiteral("the number %1").arg(v.toDouble());
        case QJsonValue::Bool:
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        default:
            return QStringLiteral("null");
        }
    }

    bool onlyKnownKeys(const QJsonObject &o, const QString &path, QStringList known)
    {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!known.contains(it.key()))
                return fail(path.isEmpty() ? it.key() : path + u'.' + it.key(),
                            QStringLiteral("unknown field (expected one of: %1)")
                                .arg(known.join(QStringLiteral(", "))));
        return true;
    }

    bool integer(const QJsonObject &o, const QString &path, const QString &key, int min, int max,
                 int *out)
    {
        if (!o.contains(key))
            return true;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1.5);
        if (!v.isDouble() || d != qint64(d) || d < min || d > max)
            return fail(path + u'.' + key,
                        QStringLiteral("expected a whole number from %1 to %2, got %3")
                            .arg(min)
                            .arg(max)
                            .arg(describe(v)));
        *out = int(d);
        return true;
    }

    bool text(const QJsonObject &o, const QString &path, const QString &key, QString *out)
    {
        if (!o.contains(key))
            return true;
        const QJsonValue v = o.value(key);
        if (!v.isString())
            return fail(path + u'.' + key,
                        QStringLiteral("expected a string, got %1").arg(describe(v)));
        *out = v.toString();
        return true;
    }

    bool fieldList(const QJsonObject &o, const QString &path, const QString &key,
                   QList<QPair<QByteArray, QByteArray>> *out)
    {
        if (!o.contains(key))
            return true;
        const QString at = path + u'.' + key;
        const QJsonValue v = o.value(key);
        if (!v.isArray())
            return fail(at, QStringLiteral("expected an array of [name, value] pairs, got %1")
                                .arg(describe(v)));
        const QJsonArray list = v.toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QString item = QStringLiteral("%1[%2]").arg(at).arg(i);
            const QJsonArray pair = list[i].toArray();
            if (!list[i].isArray() || pair.size() != 2 || !pair[0].isString() ||
                !pair[1].isString())
                return fail(item, QStringLiteral("expected a [name, value] pair of strings, got %1")
                                      .arg(describe(list[i])));
            const QByteArray name = pair[0].toString().toLatin1();
            const QByteArray value = pair[1].toString().toLatin1();
            if (http::HttpError e = http::validateHeaderName(name))
                return fail(item, e.message());
            if (http::HttpError e = http::validateHeaderValue(name, value))
                return fail(item, e.message());
            out->append({name, value});
        }
        return true;
    }

    bool route(const QJsonValue &value, const QString &path, MockRoute *r)
    {
        if (!value.isObject())
            return fail(path,
                        QStringLiteral("expected a route object, got %1").arg(describe(value)));
        const QJsonObject o = value.toObject();
        if (!onlyKnownKeys(o, path,
                           {QStringLiteral("method"), QStringLiteral("path"),
                            QStringLiteral("status"), QStringLiteral("statusMessage"),
                            QStringLiteral("headers"), QStringLiteral("body"),
                            QStringLiteral("chunks"), QStringLiteral("trailers"),
                            QStringLiteral("delayMs"), QStringLiteral("echo")}))
            return false;
        QString method = QStringLiteral("GET");
        if (!text(o, path, QStringLiteral("method"), &method))
            return false;
        if (method != QLatin1String("*") && !http::checkIsHttpToken(method.toLatin1()))
            return fail(
                path + QStringLiteral(".method"),
                QStringLiteral("expected an HTTP method token or \"*\", got \"%1\"").arg(method));
        r->method = method.toLatin1();
        if (!o.contains(QStringLiteral("path")))
            return fail(path, QStringLiteral("missing field \"path\""));
        if (!text(o, path, QStringLiteral("path"), &r->path))
            return false;
        if (!r->path.startsWith(u'/') && r->path != QLatin1String("*"))
            return fail(
                path + QStringLiteral(".path"),
                QStringLiteral("expected a path starting with \"/\", got \"%1\"").arg(r->path));
        if (!integer(o, path, QStringLiteral("status"), 100, 999, &r->status))
            return false;
        QString statusMessage;
        if (!text(o, path, QStringLiteral("statusMessage"), &statusMessage))
            return false;
        if (o.contains(QStringLiteral("statusMessage"))) {
            r->statusMessage = statusMessage.toLatin1();
            if (http::checkInvalidHeaderChar(r->statusMessage))
                return fail(path + QStringLiteral(".statusMessage"),
                            QStringLiteral("Invalid character in statusMessage"));
        }
        if (!fieldList(o, path, QStringLiteral("headers"), &r->headers) ||
            !fieldList(o, path, QStringLiteral("trailers"), &r->trailers))
            return false;
        if (o.contains(QStringLiteral("body"))) {
            const QJsonValue body = o.value(QStringLiteral("body"));
            if (body.isString())
                r->body = body.toString().toUtf8();
            else if (body.isObject())
                r->body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
            else if (body.isArray())
                r->body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
            else
                return fail(path + QStringLiteral(".body"),
                            QStringLiteral("expected a string, object or array, got %1")
                                .arg(describe(body)));
        }
        if (o.contains(QStringLiteral("chunks"))) {
            const QString at = path + QStringLiteral(".chunks");
            if (o.contains(QStringLiteral("body")))
                return fail(at, QStringLiteral("use either \"body\" or \"chunks\", not both"));
            const QJsonValue v = o.value(QStringLiteral("chunks"));
            if (!v.isArray())
                return fail(
                    at, QStringLiteral("expected an array of strings, got %1").arg(describe(v)));
            const QJsonArray chunks = v.toArray();
            for (int i = 0; i < chunks.size(); ++i) {
                if (!chunks[i].isString())
                    return fail(
                        QStringLiteral("%1[%2]").arg(at).arg(i),
                        QStringLiteral("expected a string, got %1").arg(describe(chunks[i])));
                r->chunks.append(chunks[i].toString().toUtf8());
            }
            r->hasChunks = true;
        }
        if (!integer(o, path, QStringLiteral("delayMs"), 0, 3600000, &r->delayMs))
            return false;
        if (o.contains(QStringLiteral("echo"))) {
            const QJsonValue echo = o.value(QStringLiteral("echo"));
            if (!echo.isBool())
                return fail(path + QStringLiteral(".echo"),
                            QStringLiteral("expected true or false, got %1").arg(describe(echo)));
            r->echo = echo.toBool();
        }
        return true;
    }

    bool server(const QJsonValue &value, const QString &path, int index, MockServerSpec *s)
    {
        if (!value.isObject())
            return fail(path,
                        QStringLiteral("expected a server object, got %1").arg(describe(value)));
        const QJsonObject o = value.toObject();
        if (!onlyKnownKeys(o, path,
                           {QStringLiteral("name"), QStringLiteral("host"), QStringLiteral("port"),
                            QStringLiteral("keepAliveTimeout"), QStringLiteral("headersTimeout"),
                            QStringLiteral("requestTimeout"), QStringLiteral("maxHeaderSize"),
                            QStringLiteral("routes")}))
            return false;
        s->name = QStringLiteral("server %1").arg(index + 1);
        if (!text(o, path, QStringLiteral("name"), &s->name) ||
            !text(o, path, QStringLiteral("host"), &s->host) ||
            !integer(o, path, QStringLiteral("port"), 0, 65535, &s->port) ||
            !integer(o, path, QStringLiteral("keepAliveTimeout"), 0, INT_MAX,
                     &s->keepAliveTimeout) ||
            !integer(o, path, QStringLiteral("headersTimeout"), 0, INT_MAX, &s->headersTimeout) ||
            !integer(o, path, QStringLiteral("requestTimeout"), 0, INT_MAX, &s->requestTimeout) ||
            !integer(o, path, QStringLiteral("maxHeaderSize"), 1, INT_MAX, &s->maxHeaderSize))
            return false;
        if (s->requestTimeout > 0 && s->headersTimeout > s->requestTimeout)
            return fail(path + QStringLiteral(".headersTimeout"),
                        QStringLiteral("must be <= requestTimeout (%1)").arg(s->requestTimeout));
        const QJsonValue routes = o.value(QStringLiteral("routes"));
        if (routes.isUndefined())
            return true;
        if (!routes.isArray())
            return fail(
                path + QStringLiteral(".routes"),
                QStringLiteral("expected an array of routes, got %1").arg(describe(routes)));
        const QJsonArray list = routes.toArray();
        for (int i = 0; i < list.size(); ++i) {
            MockRoute r;
            if (!route(list[i], QStringLiteral("%1.routes[%2]").arg(path).arg(i), &r))
                return false;
            s->routes.append(r);
        }
        return true;
    }
};

QString syntaxError(const QByteArray &json, const QString &fileName, const QJsonParseError &e)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < e.offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2:%3: invalid JSON: %4")
        .arg(fileName)
        .arg(line)
        .arg(column)
        .arg(e.errorString());
}

} // namespace

std::optional<MockFile> MockFile::load(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(fileName, file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), fileName, error);
}

std::optional<MockFile> MockFile::parse(const QByteArray &json, const QString &fileName,
                                        QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = syntaxError(json, fileName, parseError);
        return std::nullopt;
    }
    const LineIndex lines(json);
    Checker check{fileName, lines, {}};
    MockFile file;
    file.fileName = fileName;
    const QJsonObject root = doc.object();
    const QJsonValue servers = root.value(QStringLiteral("servers"));
    if (!doc.isObject())
        check.fail(QString(), QStringLiteral("expected an object with a \"servers\" array"));
    else if (!check.onlyKnownKeys(root, QString(), {QStringLiteral("servers")}))
        ;
    else if (!servers.isArray() || servers.toArray().isEmpty())
        check.fail(QStringLiteral("servers"),
                   QStringLiteral("expected a non-empty array of servers"));
    else {
        const QJsonArray list = servers.toArray();
        for (int i = 0; i < list.size(); ++i) {
            MockServerSpec spec;
            if (!check.server(list[i], QStringLiteral("servers[%1]").arg(i), i, &spec))
                break;
            file.servers.append(spec);
        }
    }
    if (!check.error.isEmpty()) {
        *error = check.error;
        return std::nullopt;
    }
    return file;
}

} // namespace wb
