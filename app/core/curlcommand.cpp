#include "curlcommand.h"

#include "http.h"
#include "variables.h"

#include <QRegularExpression>

#include <algorithm>
#include <climits>

namespace wb {

namespace {

QString shellQuote(const QString &word)
{
    static const QString safe = QStringLiteral("-_./:=@%+,");
    bool plain = !word.isEmpty();
    for (const QChar c : word)
        if (!c.isLetterOrNumber() && !safe.contains(c))
            plain = false;
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

bool hasHeader(const http::OutgoingMessage::HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// -A, -e and -b: a header field of their own.
QByteArray shorthandField(const QString &option)
{
    if (option == QLatin1String("-A") || option == QLatin1String("--user-agent"))
        return "User-Agent";
    if (option == QLatin1String("-e") || option == QLatin1String("--referer"))
        return "Referer";
    if (option == QLatin1String("-b") || option == QLatin1String("--cookie"))
        return "Cookie";
    return {};
}

} // namespace

std::optional<QStringList> CurlCommand::split(const QString &line, QString *error)
{
    // A shell passes no NUL in an argument: such a text was never a command line.
    if (line.contains(QChar(0))) {
        *error = QObject::tr("a NUL character cannot be part of a command line");
        return std::nullopt;
    }
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (quote == Double) {
            if (c == u'"') {
                quote = None;
            } else if (c == u'\\' && i + 1 < line.size() &&
                       QStringLiteral("\"\\$`\n").contains(line[i + 1])) {
                if (line[++i] != u'\n')
                    word += line[i];
            } else {
                word += c;
            }
            continue;
        }
        if (c == u'\\' && i + 1 < line.size()) {
            const QChar next = line[++i];
            if (next == u'\n' || (next == u'\r' && i + 1 < line.size() && line[i + 1] == u'\n')) {
                if (next == u'\r')
                    ++i;
                continue; // line continuation
            }
            word += next;
            inWord = true;
        } else if (c == u'\'') {
            quote = Single;
            inWord = true;
        } else if (c == u'"') {
            quote = Double;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote != None) {
        *error = QObject::tr("unterminated %1 quote")
                     .arg(quote == Single ? QStringLiteral("single") : QStringLiteral("double"));
        return std::nullopt;
    }
    if (inWord)
        words << word;
    return words;
}

namespace {

bool formTyped(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return std::any_of(headers.cbegin(), headers.cend(), [](const auto &h) {
        return h.first.compare("content-type", Qt::CaseInsensitive) == 0 &&
               h.second.trimmed().compare("application/x-www-form-urlencoded",
                                          Qt::CaseInsensitive) == 0;
    });
}

// "a=1&b=x+y" as form fields (decoded as a form is).
RequestBody formFields(const QByteArray &data)
{
    RequestBody body;
    body.mode = RequestBody::Mode::Form;
    auto decode = [](QByteArray part) {
        return QString::fromUtf8(QByteArray::fromPercentEncoding(part.replace('+', ' ')));
    };
    for (const QByteArray &pair : data.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        body.fields.append({true, decode(eq < 0 ? pair : pair.left(eq)),
                            decode(eq < 0 ? QByteArray() : pair.mid(eq + 1)), false});
    }
    return body;
}

} // namespace

std::optional<Request> CurlCommand::parse(const QString &commandLine, QString *error)
{
    const std::optional<QStringList> words = split(commandLine.trimmed(), error);
    if (!words)
        return std::nullopt;
    QStringList args = *words;
    if (!args.isEmpty() &&
        (args.first() == QLatin1String("curl") || args.first().endsWith(QLatin1String("/curl"))))
        args.removeFirst();

    http::OutgoingMessage::HeaderList headers;
    QByteArray body;
    bool hasBody = false, insecure = false;
    int timeoutMs = 0;
    RequestBody form;
    RequestAuth auth;
    QString method, url;
    QByteArrayList data;
    bool head = false, get = false;
    static const QStringList ignored = {
        QStringLiteral("-s"),           QStringLiteral("--silent"),
        QStringLiteral("-v"),           QStringLiteral("--verbose"),
        QStringLiteral("-i"),           QStringLiteral("--include"),
        QStringLiteral("--compressed"), QStringLiteral("-L"),
        QStringLiteral("--location"),   QStringLiteral("-S"),
        QStringLiteral("--show-error"), QStringLiteral("-f"),
        QStringLiteral("--fail"),       QStringLiteral("--http1.1"),
        QStringLiteral("-N"),           QStringLiteral("--no-buffer")};
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString a = args[i];
        QString value;
        // --opt=value and -Xvalue forms
        if (a.startsWith(QLatin1String("--")) && a.contains(u'=')) {
            value = a.mid(a.indexOf(u'=') + 1);
            a = a.left(a.indexOf(u'='));
        }
        auto next = [&]() -> std::optional<QString> {
            if (!value.isNull())
                return value;
            if (i + 1 >= args.size()) {
                *error = QObject::tr("%1 needs a value").arg(a);
                return std::nullopt;
            }
            return args[++i];
        };
        if (a.size() > 2 && a[0] == u'-' && a[1] != u'-' &&
            QStringLiteral("XHduAebo").contains(a[1])) {
            value = a.mid(2);
            a = a.left(2);
        }
        if (a == QLatin1String("-X") || a == QLatin1String("--request")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            method = *v;
        } else if (a == QLatin1String("-H") || a == QLatin1String("--header")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            const qsizetype colon = v->indexOf(u':');
            if (colon <= 0) {
                *error = QObject::tr("-H %1: expected 'Name: value'").arg(*v);
                return std::nullopt;
            }
            headers.append(qMakePair(v->left(colon).trimmed().toLatin1(),
                                     v->mid(colon + 1).trimmed().toLatin1()));
        } else if (a == QLatin1String("-d") || a == QLatin1String("--data") ||
                   a == QLatin1String("--data-raw") || a == QLatin1String("--data-binary") ||
                   a == QLatin1String("--data-ascii") || a == QLatin1String("--data-urlencode") ||
                   a == QLatin1String("--json")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            if (v->startsWith(u'@') && a == QLatin1String("--data-binary")) {
                form.mode = RequestBody::Mode::File;
                form.filePath = v->mid(1);
                continue;
            }
            if (v->startsWith(u'@') && a != QLatin1String("--data-raw")) {
                *error = QObject::tr("%1 %2: reading a file is not supported when pasting; put the "
                                     "body in the Body tab")
                             .arg(a, *v);
                return std::nullopt;
            }
            data << (a == QLatin1String("--data-urlencode") ? QUrl::toPercentEncoding(*v, "=")
                                                            : v->toUtf8());
            if (a == QLatin1String("--json")) {
                if (!hasHeader(headers, "content-type"))
                    headers.append(
                        qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
                if (!hasHeader(headers, "accept"))
                    headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
            }
        } else if (a == QLatin1String("-F") || a == QLatin1String("--form") ||
                   a == QLatin1String("--form-string")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            const qsizetype eq = v->indexOf(u'=');
            if (eq <= 0) {
                *error = QObject::tr("%1 %2: expected name=value").arg(a, *v);
                return std::nullopt;
            }
            RequestBody::Field field{true, v->left(eq), v->mid(eq + 1), false};
            if (a != QLatin1String("--form-string")) {
                // name=@file uploads it; ;type= and ;filename= after it are left to the app.
                if (field.value.startsWith(u'@')) {
                    field.isFile = true;
                    field.value = field.value.mid(1).section(u';', 0, 0);
                } else if (field.value.startsWith(u'<')) {
                    *error = QObject::tr("%1 %2: a value read from a file is not supported when "
                                         "pasting; upload it with @ or type the value")
                                 .arg(a, *v);
                    return std::nullopt;
                } else if (field.value.startsWith(u'"')) {
                    // name="a;b": quoted, so ';' and '\"' belong to the value
                    QString text;
                    for (qsizetype k = 1; k < field.value.size() && field.value[k] != u'"'; ++k)
                        text += field.value[k] == u'\\' && k + 1 < field.value.size()
                                    ? field.value[++k]
                                    : field.value[k];
                    field.value = text;
                } else {
                    field.value = field.value.section(u';', 0, 0);
                }
            }
            form.mode = RequestBody::Mode::Multipart;
            form.fields.append(field);
        } else if (a == QLatin1String("-u") || a == QLatin1String("--user")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            auth.type = RequestAuth::Type::Basic;
            auth.user = v->section(u':', 0, 0);
            auth.password = v->section(u':', 1);
        } else if (a == QLatin1String("--oauth2-bearer")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            auth.type = RequestAuth::Type::Bearer;
            auth.token = *v;
        } else if (const QByteArray field = shorthandField(a); !field.isEmpty()) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            // As -H's value: what "copy as curl" writes back as -H reads the same.
            headers.append(qMakePair(field, v->trimmed().toLatin1()));
        } else if (a == QLatin1String("-k") || a == QLatin1String("--insecure")) {
            insecure = true;
        } else if (a == QLatin1String("-I") || a == QLatin1String("--head")) {
            head = true;
        } else if (a == QLatin1String("-G") || a == QLatin1String("--get")) {
            get = true;
        } else if (a == QLatin1String("-m") || a == QLatin1String("--max-time")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            bool number = false;
            const double seconds = v->toDouble(&number);
            if (!number || !(seconds >= 0 && seconds <= INT_MAX / 1000)) {
                *error = QObject::tr("%1 %2: expected a number of seconds").arg(a, *v);
                return std::nullopt;
            }
            timeoutMs = int(seconds * 1000);
        } else if (a == QLatin1String("--url")) {
            const auto v = next();
            if (!v)
                return std::nullopt;
            url = *v;
        } else if (ignored.contains(a)) {
            continue;
        } else if (a.startsWith(u'-')) {
            *error = QObject::tr("curl option %1 is not supported").arg(a);
            return std::nullopt;
        } else if (url.isEmpty()) {
            url = a;
        } else {
            *error = QObject::tr("more than one URL (%1 and %2)").arg(url, a);
            return std::nullopt;
        }
    }
    if (url.isEmpty()) {
        *error = QObject::tr("no URL in the command");
        return std::nullopt;
    }
    if (url.contains(QRegularExpression(QStringLiteral("\\s")))) {
        *error = QObject::tr("the URL \"%1\" has spaces in it: is a quote missing?").arg(url);
        return std::nullopt;
    }
    // A URL with {{variables}} is kept as written, for the environment to fill in.
    const bool templated = url.contains(QLatin1String("{{"));
    QUrl u = QUrl::fromUserInput(url);
    if (!templated && (!u.isValid() || u.host().isEmpty())) {
        *error = QObject::tr("not a URL: %1").arg(url);
        return std::nullopt;
    }
    if (form.mode != RequestBody::Mode::None && !data.isEmpty()) {
        *error = QObject::tr("-F and --data-binary @file cannot be mixed with other data");
        return std::nullopt;
    }
    if (get && !data.isEmpty()) {
        const QString query = u.query();
        u.setQuery((query.isEmpty() ? QString() : query + u'&') +
                   QString::fromUtf8(data.join('&')));
        data.clear();
    }
    if (!data.isEmpty()) {
        body = data.join('&');
        hasBody = true;
        if (!hasHeader(headers, "content-type"))
            headers.append(qMakePair(QByteArray("Content-Type"),
                                     QByteArray("application/x-www-form-urlencoded")));
        // name=value&… of the form type also fills the form table, when the table would send
        // the same bytes.
        if (const RequestBody fields = formFields(body);
            formTyped(headers) && fields.encode({}).bytes == body)
            form = fields;
    }
    Request r;
    r.method = !method.isEmpty()                                 ? method.toLatin1()
               : head                                            ? QByteArray("HEAD")
               : hasBody || form.mode != RequestBody::Mode::None ? QByteArray("POST")
                                                                 : QByteArray("GET");
    for (const auto &[name, value] : headers) {
        if (http::HttpError e = http::validateHeaderName(name);
            e || (e = http::validateHeaderValue(name, value))) {
            *error = e.message();
            return std::nullopt;
        }
    }
    r.url = templated ? url : u.toString();
    for (const auto &[name, value] : headers) {
        // A form's type comes from the Body tab.
        if (form.mode == RequestBody::Mode::Form &&
            name.compare("content-type", Qt::CaseInsensitive) == 0)
            continue;
        r.headers.append({name, value});
    }
    if (form.mode != RequestBody::Mode::None) {
        r.body = form;
    } else if (hasBody) {
        r.body.mode = RequestBody::Mode::Raw; // its type is in the headers, as curl sent it
        r.body.text = QString::fromUtf8(body);
    }
    r.auth = auth;
    r.insecure = insecure;
    r.timeoutMs = timeoutMs;
    return r;
}

QString CurlCommand::toCurl(const Request &request, const Variables &vars)
{
    const Request::Prepared r = request.prepare(vars);
    RequestBody body = request.body;
    for (RequestBody::Field &f : body.fields) {
        f.name = vars.substitute(f.name);
        f.value = vars.substitute(f.value);
    }
    body.filePath = vars.substitute(body.filePath);
    QStringList words{QStringLiteral("curl")};
    const bool defaultMethod =
        (r.method == "GET" && !r.hasBody) || (r.method == "POST" && r.hasBody);
    if (r.method == "HEAD" && !r.hasBody) // curl refuses -I with data
        words << QStringLiteral("-I");
    else if (!defaultMethod)
        words << QStringLiteral("-X") << shellQuote(QString::fromLatin1(r.method));
    // A URL that is not http(s) once filled in (a variable left unknown) is copied as written:
    // curl is the one to refuse it.
    const bool web = r.url.isValid() && !r.url.host().isEmpty() &&
                     (r.url.scheme() == u"http" || r.url.scheme() == u"https");
    const QString url =
        web ? r.url.toString(QUrl::FullyEncoded) : vars.substitute(request.url.trimmed());
    if (url.startsWith(u'-')) // it would read as an option
        words << QStringLiteral("--url");
    words << shellQuote(url);
    for (const auto &[name, value] : r.headers) {
        // curl writes a multipart Content-Type itself, with its own boundary.
        if (body.mode == RequestBody::Mode::Multipart &&
            name.compare("content-type", Qt::CaseInsensitive) == 0)
            continue;
        // curl gives every body it sends a Content-Length: the one Wirebench adds is not written.
        if (name.compare("content-length", Qt::CaseInsensitive) == 0 &&
            std::any_of(r.added.cbegin(), r.added.cend(),
                        [](const Request::Added &a) { return a.name == "Content-Length"; }))
            continue;
        words << QStringLiteral("-H") << shellQuote(QString::fromLatin1(name + ": " + value));
    }
    if (body.mode == RequestBody::Mode::Multipart) {
        for (const RequestBody::Field &f : body.fields) {
            if (!f.enabled || f.name.isEmpty())
                continue;
            if (f.isFile)
                words << QStringLiteral("-F")
                      << shellQuote(f.name + QStringLiteral("=@") + f.value);
            else
                words << QStringLiteral("--form-string") << shellQuote(f.name + u'=' + f.value);
        }
    } else if (body.mode == RequestBody::Mode::File) {
        words << QStringLiteral("--data-binary") << shellQuote(u'@' + body.filePath);
    } else if (r.hasBody) {
        words << QStringLiteral("--data-raw") << shellQuote(QString::fromUtf8(r.body));
    }
    if (r.insecure)
        words << QStringLiteral("-k");
    if (r.timeoutMs > 0)
        words << QStringLiteral("--max-time") << QString::number(double(r.timeoutMs) / 1000);
    return words.join(u' ');
}

} // namespace wb
