#include "mockfile.h"

#include "http.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstring>

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
    /// The string value at `path` as it is in the text, when it has no escapes (so the text is
    /// its UTF-8); null otherwise.
    QByteArrayView plainString(const QString &path) const { return m_plain.value(path); }

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
    // Skips a string (m_i at its opening quote) and says whether it holds escapes; a string
    // without any is its bytes in the file. Fast on long ones: a 200 MB body is one memchr.
    bool skipString()
    {
        bool escaped = false;
        ++m_i;
        while (m_i < m_s.size()) {
            const char *from = m_s.constData() + m_i;
            const auto *quote = static_cast<const char *>(std::memchr(from, '"', m_s.size() - m_i));
            const qsizetype end = quote ? quote - m_s.constData() : m_s.size();
            const bool slash = std::memchr(from, '\\', end - m_i) != nullptr;
            if (!slash) {
                m_i = end + 1;
                break;
            }
            // An escape before the quote: go by characters up to it (it may escape the quote).
            escaped = true;
            while (m_i < end) {
                if (m_s[m_i] == '\\')
                    ++m_i;
                ++m_i;
            }
            if (m_i == end) {
                m_i = end + 1;
                break;
            }
        }
        return escaped;
    }
    QString key()
    {
        const qsizetype start = m_i;
        const bool escaped = skipString();
        const QByteArrayView quoted = QByteArrayView(m_s).sliced(start, m_i - start);
        if (!escaped)
            return QString::fromUtf8(quoted.sliced(1, quoted.size() - 2));
        // Escapes (`\u0070ort`) decoded as JSON does, so the path is the key's real name.
        return QJsonDocument::fromJson('[' + quoted.toByteArray() + ']').array().at(0).toString();
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
                const QString name = key();
                at(':');
                value(path.isEmpty() ? name : path + u'.' + name);
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
            const qsizetype start = m_i;
            if (!skipString() && m_i <= m_s.size())
                m_plain.insert(path, QByteArrayView(m_s).sliced(start + 1, m_i - start - 2));
        } else {
            while (m_i < m_s.size() && !QByteArrayView(",]} \t\r\n").contains(m_s[m_i]))
                ++m_i;
        }
    }

    const QByteArray &m_s;
    qsizetype m_i = 0;
    int m_line = 1;
    QHash<QString, int> m_lines;
    QHash<QString, QByteArrayView> m_plain;
};

struct Checker {
    const QString &fileName;
    const LineIndex &lines;
    QString error;
    QStringList warnings;

    // A string value's UTF-8: straight from the file when it is there as is (a large body is
    // copied once, not decoded to UTF-16 and encoded back).
    QByteArray utf8(const QJsonValue &value, const QString &path) const
    {
        const QByteArrayView plain = lines.plainString(path);
        return plain.data() ? plain.toByteArray() : value.toString().toUtf8();
    }
    QString located(const QString &path, const QString &what) const
    {
        return QStringLiteral("%1:%2: %3: %4")
            .arg(fileName)
            .arg(lines.line(path))
            .arg(path.isEmpty() ? QStringLiteral("(top level)") : path, what);
    }
    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty())
            error = located(path, what);
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

    // Letters to change, add or drop to turn `a` into `b` (Levenshtein).
    static int distance(const QString &a, const QString &b)
    {
        QList<int> row(b.size() + 1);
        for (int j = 0; j <= b.size(); ++j)
            row[j] = j;
        for (int i = 1; i <= a.size(); ++i) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.size(); ++j) {
                const int above = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                                   diagonal + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1)});
                diagonal = above;
            }
        }
        return row[b.size()];
    }

    bool onlyKnownKeys(const QJsonObject &o, const QString &path, QStringList known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (known.contains(it.key()))
                continue;
            const QString at = path.isEmpty() ? it.key() : path + u'.' + it.key();
            // A typo names the field meant.
            for (const QString &k : known)
                if (distance(it.key(), k) <= 2 && it.key().size() > 2)
                    return fail(at, QStringLiteral("unknown field; did you mean \"%1\"?").arg(k));
            return fail(at, QStringLiteral("unknown field (expected one of: %1)")
                                .arg(known.join(QStringLiteral(", "))));
        }
        return true;
    }

    bool integer(const QJsonObject &o, const QString &path, const QString &key, int min, int max,
                 int *out)
    {
        if (!o.contains(key))
            return true;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1.5);
        // In range first: a double beyond qint64 cannot be converted to test it for a fraction.
        if (!v.isDouble() || !(d >= min && d <= max) || d != std::trunc(d))
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
            const QString valueText = pair[1].toString();
            const QByteArray value = valueText.toLatin1();
            if (http::HttpError e = http::validateHeaderName(name))
                return fail(item, e.message());
            // Node's setHeader refuses what is not a byte ("€"); toLatin1() would send "?".
            const bool beyondLatin1 = std::any_of(valueText.cbegin(), valueText.cend(),
                                                  [](QChar c) { return c.unicode() > 0xff; });
            if (http::HttpError e = http::validateHeaderValue(name, beyondLatin1 ? "\n" : value))
                return fail(item, e.message());
            out->append({name, value});
        }
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &path, const QString &key, bool *out)
    {
        if (!o.contains(key))
            return true;
        const QJsonValue v = o.value(key);
        if (!v.isBool())
            return fail(path + u'.' + key,
                        QStringLiteral("expected true or false, got %1").arg(describe(v)));
        *out = v.toBool();
        return true;
    }

    bool pattern(const QJsonValue &v, const QString &at, MockPattern *out)
    {
        if (!v.isString())
            return fail(at,
                        QStringLiteral("expected a string (or \"/regular expression/\"), got %1")
                            .arg(describe(v)));
        out->text = v.toString();
        out->isRegex =
            out->text.size() >= 2 && out->text.startsWith(u'/') && out->text.endsWith(u'/');
        if (out->isRegex) {
            out->regex = QRegularExpression(out->text.mid(1, out->text.size() - 2));
            if (!out->regex.isValid())
                return fail(at, QStringLiteral("invalid regular expression: %1 (at %2)")
                                    .arg(out->regex.errorString())
                                    .arg(out->regex.patternErrorOffset()));
        }
        return true;
    }

    bool match(const QJsonObject &o, const QString &path, MockMatch *m)
    {
        if (!o.contains(QStringLiteral("match")))
            return true;
        const QString at = path + QStringLiteral(".match");
        const QJsonValue v = o.value(QStringLiteral("match"));
        if (!v.isObject())
            return fail(at, QStringLiteral("expected an object with query, headers or body, got %1")
                                .arg(describe(v)));
        const QJsonObject rules = v.toObject();
        if (!onlyKnownKeys(
                rules, at,
                {QStringLiteral("query"), QStringLiteral("headers"), QStringLiteral("body")}))
            return false;
        for (const QString &key : {QStringLiteral("query"), QStringLiteral("headers")}) {
            if (!rules.contains(key))
                continue;
            const QJsonValue list = rules.value(key);
            if (!list.isObject())
                return fail(at + u'.' + key,
                            QStringLiteral("expected an object of name: value, got %1")
                                .arg(describe(list)));
            const QJsonObject pairs = list.toObject();
            for (auto it = pairs.begin(); it != pairs.end(); ++it) {
                MockPattern p;
                if (!pattern(it.value(), at + u'.' + key + u'.' + it.key(), &p))
                    return false;
                if (key == QLatin1String("query"))
                    m->query.append({it.key(), p});
                else
                    m->headers.append({it.key().toLower().toLatin1(), p});
            }
        }
        if (rules.contains(QStringLiteral("body"))) {
            const QJsonValue body = rules.value(QStringLiteral("body"));
            m->hasBody = true;
            if (body.isObject()) {
                m->bodyIsJson = true;
                m->bodyJson = body.toObject();
            } else if (!pattern(body, at + QStringLiteral(".body"), &m->bodyText)) {
                return false;
            }
        }
        return true;
    }

    static QStringList responseKeys()
    {
        return {
            QStringLiteral("status"),  QStringLiteral("statusMessage"), QStringLiteral("headers"),
            QStringLiteral("body"),    QStringLiteral("chunks"),        QStringLiteral("trailers"),
            QStringLiteral("delayMs"), QStringLiteral("echo"),          QStringLiteral("template"),
            QStringLiteral("fault"),   QStringLiteral("dribbleMs")};
    }

    bool response(const QJsonObject &o, const QString &path, MockResponse *r)
    {
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
                r->body = utf8(body, path + QStringLiteral(".body"));
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
                r->chunks.append(utf8(chunks[i], QStringLiteral("%1[%2]").arg(at).arg(i)));
            }
            r->hasChunks = true;
        }
        if (!integer(o, path, QStringLiteral("delayMs"), 0, 3600000, &r->delayMs) ||
            !integer(o, path, QStringLiteral("dribbleMs"), 0, 3600000, &r->dribbleMs) ||
            !boolean(o, path, QStringLiteral("echo"), &r->echo) ||
            !boolean(o, path, QStringLiteral("template"), &r->templated))
            return false;
        if (o.contains(QStringLiteral("fault"))) {
            const QJsonValue v = o.value(QStringLiteral("fault"));
            const QString name = v.toString();
            for (MockFault f :
                 {MockFault::Reset, MockFault::Empty, MockFault::Garbage, MockFault::Truncate})
                if (v.isString() && name == MockFile::faultName(f))
                    r->fault = f;
            if (r->fault == MockFault::None)
                return fail(path + QStringLiteral(".fault"),
                            QStringLiteral("expected \"reset\", \"empty\", \"garbage\" or "
                                           "\"truncate\", got %1")
                                .arg(describe(v)));
        }
        return true;
    }

    // "tls": {"cert": "cert.pem", "key": "key.pem"}, files relative to the mock file.
    bool tls(const QJsonObject &o, const QString &path, MockServerSpec *s)
    {
        if (!o.contains(QStringLiteral("tls")))
            return true;
        const QString at = path + QStringLiteral(".tls");
        const QJsonValue v = o.value(QStringLiteral("tls"));
        if (!v.isObject())
            return fail(at, QStringLiteral("expected {\"cert\": \"cert.pem\", \"key\": "
                                           "\"key.pem\"}, got %1")
                                .arg(describe(v)));
        const QJsonObject files = v.toObject();
        if (!onlyKnownKeys(files, at, {QStringLiteral("cert"), QStringLiteral("key")}) ||
            !text(files, at, QStringLiteral("cert"), &s->tlsCertFile) ||
            !text(files, at, QStringLiteral("key"), &s->tlsKeyFile))
            return false;
        const QDir base = fileName.startsWith(u':') || fileName.isEmpty()
                              ? QDir::current()
                              : QFileInfo(fileName).absoluteDir();
        auto read = [&](const QString &key, const QString &file, QByteArray *out) {
            QFile f(base.filePath(file));
            if (file.isEmpty())
                return fail(at, QStringLiteral("missing field \"%1\"").arg(key));
            if (!f.open(QIODevice::ReadOnly))
                return fail(
                    at + u'.' + key,
                    QStringLiteral("%1: cannot read: %2").arg(f.fileName(), f.errorString()));
            *out = f.readAll();
            return true;
        };
        QByteArray cert, key;
        if (!read(QStringLiteral("cert"), s->tlsCertFile, &cert) ||
            !read(QStringLiteral("key"), s->tlsKeyFile, &key))
            return false;
        s->tlsCert = QSslCertificate::fromData(cert, QSsl::Pem);
        if (s->tlsCert.isEmpty())
            return fail(at + QStringLiteral(".cert"),
                        QStringLiteral("%1: not a PEM certificate").arg(s->tlsCertFile));
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa})
            if (s->tlsKey.isNull())
                s->tlsKey = QSslKey(key, algorithm, QSsl::Pem);
        if (s->tlsKey.isNull())
            return fail(at + QStringLiteral(".key"),
                        QStringLiteral("%1: not a PEM private key (RSA, EC or DSA, unencrypted)")
                            .arg(s->tlsKeyFile));
        return true;
    }

    bool route(const QJsonValue &value, const QString &path, MockRoute *r)
    {
        if (!value.isObject())
            return fail(path,
                        QStringLiteral("expected a route object, got %1").arg(describe(value)));
        const QJsonObject o = value.toObject();
        r->source = o;
        if (!onlyKnownKeys(o, path,
                           QStringList{QStringLiteral("method"), QStringLiteral("path"),
                                       QStringLiteral("enabled"), QStringLiteral("match"),
                                       QStringLiteral("responses"), QStringLiteral("random")} +
                               responseKeys()))
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
        if (!boolean(o, path, QStringLiteral("enabled"), &r->enabled) ||
            !boolean(o, path, QStringLiteral("random"), &r->random) || !match(o, path, &r->match) ||
            !response(o, path, &r->response))
            return false;
        if (!o.contains(QStringLiteral("responses")))
            return true;
        const QString at = path + QStringLiteral(".responses");
        const QJsonValue list = o.value(QStringLiteral("responses"));
        if (!list.isArray() || list.toArray().isEmpty())
            return fail(at, QStringLiteral("expected a non-empty array of responses, got %1")
                                .arg(describe(list)));
        const QJsonArray items = list.toArray();
        for (int i = 0; i < items.size(); ++i) {
            const QString item = QStringLiteral("%1[%2]").arg(at).arg(i);
            if (!items[i].isObject())
                return fail(
                    item,
                    QStringLiteral("expected a response object, got %1").arg(describe(items[i])));
            MockResponse response;
            if (!onlyKnownKeys(items[i].toObject(), item, responseKeys()) ||
                !this->response(items[i].toObject(), item, &response))
                return false;
            r->responses.append(response);
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
                            QStringLiteral("cors"), QStringLiteral("proxy"), QStringLiteral("tls"),
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
        if (!boolean(o, path, QStringLiteral("cors"), &s->cors) ||
            !text(o, path, QStringLiteral("proxy"), &s->proxy))
            return false;
        if (const QUrl target(s->proxy);
            !s->proxy.isEmpty() && (!target.isValid() || target.scheme() != QLatin1String("http") ||
                                    target.host().isEmpty()))
            return fail(path + QStringLiteral(".proxy"),
                        QStringLiteral("expected an http:// URL such as \"http://127.0.0.1:3000\", "
                                       "got \"%1\"")
                            .arg(s->proxy));
        if (!tls(o, path, s))
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
        warnShadowed(path, s->routes);
        return true;
    }

    void warnShadowed(const QString &path, const QList<MockRoute> &routes)
    {
        for (int i = 0; i < routes.size(); ++i) {
            const int j = MockFile::shadowingRoute(routes, i);
            if (j < 0)
                continue;
            const QString first = QStringLiteral("%1.routes[%2]").arg(path).arg(j);
            warnings.append(
                located(QStringLiteral("%1.routes[%2]").arg(path).arg(i),
                        QStringLiteral("%1 %2 can never match: %3 (line %4) answers it first, "
                                       "with no \"match\"")
                            .arg(QString::fromLatin1(routes[i].method), routes[i].path, first)
                            .arg(lines.line(first))));
        }
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

std::optional<MockRoute> MockFile::parseRoute(const QByteArray &json, QString *error)
{
    // Checked as the value of a field on the same first line, so lines stay the editor's.
    const QByteArray wrapped = "{\"route\":" + json + '}';
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        parseError.offset = qMax(0, parseError.offset - 9);
        *error = syntaxError(json, QStringLiteral("route"), parseError);
        return std::nullopt;
    }
    const LineIndex lines(wrapped);
    Checker check{QStringLiteral("route"), lines, {}, {}};
    MockRoute route;
    if (!check.route(doc.object().value(QStringLiteral("route")), QStringLiteral("route"),
                     &route)) {
        *error = check.error;
        return std::nullopt;
    }
    return route;
}

QByteArray MockFile::routeText(const QJsonObject &route, int indent)
{
    static const QStringList order{
        QStringLiteral("method"),   QStringLiteral("path"),     QStringLiteral("enabled"),
        QStringLiteral("match"),    QStringLiteral("status"),   QStringLiteral("statusMessage"),
        QStringLiteral("headers"),  QStringLiteral("body"),     QStringLiteral("chunks"),
        QStringLiteral("trailers"), QStringLiteral("delayMs"),  QStringLiteral("dribbleMs"),
        QStringLiteral("fault"),    QStringLiteral("template"), QStringLiteral("echo"),
        QStringLiteral("random"),   QStringLiteral("responses")};
    QStringList keys;
    for (const QString &k : order)
        if (route.contains(k))
            keys.append(k);
    for (const QString &k : route.keys())
        if (!keys.contains(k))
            keys.append(k);
    const QByteArray pad(indent, ' ');
    auto compact = [](const QJsonValue &v) {
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    };
    QByteArray out = "{\n";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QJsonValue v = route.value(keys[i]);
        out += pad + "    " + compact(keys[i]) + ": ";
        if ((keys[i] == QLatin1String("headers") || keys[i] == QLatin1String("trailers")) &&
            v.isArray() && !v.toArray().isEmpty()) {
            const QJsonArray list = v.toArray();
            out += "[\n";
            for (qsizetype j = 0; j < list.size(); ++j)
                out += pad + "        " + compact(list[j]).replace("\",\"", "\", \"") +
                       (j + 1 < list.size() ? ",\n" : "\n");
            out += pad + "    ]";
        } else if (keys[i] == QLatin1String("responses") && v.isArray()) {
            const QJsonArray list = v.toArray();
            out += "[\n";
            for (qsizetype j = 0; j < list.size(); ++j)
                out += pad + "        " + routeText(list[j].toObject(), indent + 8).trimmed() +
                       (j + 1 < list.size() ? ",\n" : "\n");
            out += pad + "    ]";
        } else {
            out += compact(v);
        }
        out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    return out + pad + "}";
}

QByteArray MockFile::toJson(const QList<MockServerSpec> &servers)
{
    const MockServerSpec defaults;
    QByteArrayList list;
    for (const MockServerSpec &s : servers) {
        QJsonObject o{{QStringLiteral("name"), s.name},
                      {QStringLiteral("host"), s.host},
                      {QStringLiteral("port"), s.port}};
        auto option = [&](const char *key, int value, int standard) {
            if (value != standard)
                o.insert(QLatin1String(key), value);
        };
        option("keepAliveTimeout", s.keepAliveTimeout, defaults.keepAliveTimeout);
        option("headersTimeout", s.headersTimeout, defaults.headersTimeout);
        option("requestTimeout", s.requestTimeout, defaults.requestTimeout);
        option("maxHeaderSize", s.maxHeaderSize, defaults.maxHeaderSize);
        if (s.cors)
            o.insert(QStringLiteral("cors"), true);
        if (!s.proxy.isEmpty())
            o.insert(QStringLiteral("proxy"), s.proxy);
        if (!s.tlsKey.isNull())
            o.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("cert"), s.tlsCertFile},
                                                        {QStringLiteral("key"), s.tlsKeyFile}});
        // The server's fields as Qt writes them, then its routes as people read them.
        QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented).trimmed();
        text.chop(1); // the closing brace
        text = text.trimmed() + ",\n    \"routes\": [";
        for (qsizetype i = 0; i < s.routes.size(); ++i)
            text += (i ? ",\n        " : "\n        ") + routeText(s.routes[i].source, 8).trimmed();
        text += s.routes.isEmpty() ? "]\n}" : "\n    ]\n}";
        list.append(text);
    }
    QByteArray out = "{\n  \"servers\": [\n";
    for (qsizetype i = 0; i < list.size(); ++i) {
        for (const QByteArray &line : list[i].split('\n'))
            out += "    " + line + '\n';
        if (i + 1 < list.size())
            out.insert(out.size() - 1, ',');
    }
    return out + "  ]\n}\n";
}

bool MockPattern::matches(const QString &value) const
{
    return isRegex ? regex.match(value).hasMatch() : value == text;
}

QString MockFile::faultName(MockFault fault)
{
    switch (fault) {
    case MockFault::Reset:
        return QStringLiteral("reset");
    case MockFault::Empty:
        return QStringLiteral("empty");
    case MockFault::Garbage:
        return QStringLiteral("garbage");
    case MockFault::Truncate:
        return QStringLiteral("truncate");
    case MockFault::None:
        break;
    }
    return {};
}

int MockFile::shadowingRoute(const QList<MockRoute> &routes, int index)
{
    const MockRoute &later = routes.at(index);
    for (int j = 0; later.enabled && j < index; ++j) {
        const MockRoute &earlier = routes[j];
        const MockMatch &m = earlier.match;
        const bool sameMethod = earlier.method == "*" || earlier.method == later.method ||
                                (earlier.method == "GET" && later.method == "HEAD");
        if (earlier.enabled && m.query.isEmpty() && m.headers.isEmpty() && !m.hasBody &&
            earlier.path == later.path && sameMethod)
            return j;
    }
    return -1;
}

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
    Checker check{fileName, lines, {}, {}};
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
    file.warnings = check.warnings;
    return file;
}

} // namespace wb
