#include "sendcommand.h"

#include "agent.h"
#include "clientrequest.h"
#include "errorhint.h"
#include "exchange.h"
#include "exchangerecord.h"
#include "http.h"
#include "incomingmessage.h"
#include "jsonstring.h"
#include "poolrecorder.h"
#include "streamsocket.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

const char kUsage[] =
    "usage: wirebench send [-X METHOD] [-H 'Name: value']... [-d DATA | --data-file FILE]\n"
    "                      [--json] [--trace] [--timeout MS] [--pool-events] [-k|--insecure]\n"
    "                      [--resolve HOST:PORT:ADDR[,ADDR]...]\n"
    "                      [--repeat N [--concurrency C] [--max-sockets M] [--no-keepalive]] URL\n";

struct Settings {
    QByteArray method;
    http::OutgoingMessage::HeaderList headers;
    QString data;
    QString dataFile; ///< --data-file: streamed, with its Content-Length
    bool hasData = false;
    bool json = false;
    bool trace = false;
    bool poolEvents = false;
    int timeout = 0;
    int repeat = 0;
    int concurrency = 1;
    int maxSockets = 0;
    bool keepAlive = true;
    bool insecure = false;
    /// --resolve: "host:port" (host in lower case) → its addresses, as curl's option.
    QHash<QString, QList<QHostAddress>> resolve;
    QUrl url;
};

void fail(const QString &text)
{
    std::fprintf(stderr, "wirebench send: %s\n", qPrintable(text));
}

// curl's exit codes for the same failures.
int exitCodeFor(const QByteArray &code)
{
    if (code == "ENOTFOUND")
        return 6;
    if (code == "ECONNREFUSED" || code == "EHOSTUNREACH" || code == "ENETUNREACH" ||
        code == "EADDRNOTAVAIL")
        return 7;
    if (code == "ETIMEDOUT")
        return 28;
    if (code == "EPROTO")
        return 35; // curl: SSL connect error
    if (code.contains("CERT") || code.startsWith("ERR_TLS") ||
        code == "UNABLE_TO_VERIFY_LEAF_SIGNATURE")
        return 60; // curl: peer certificate cannot be authenticated
    return 56;
}

std::optional<Settings> parse(const QStringList &args)
{
    Settings s;
    auto value = [&](qsizetype &i, const QString &flag) -> std::optional<QString> {
        if (i + 1 >= args.size()) {
            fail(QStringLiteral("%1 needs a value").arg(flag));
            return std::nullopt;
        }
        return args[++i];
    };
    auto number = [&](qsizetype &i, const QString &flag, int min, int *out) {
        const auto v = value(i, flag);
        bool ok = false;
        const int n = v ? v->toInt(&ok) : 0;
        if (!ok || n < min) {
            if (v)
                fail(QStringLiteral("%1: expected a whole number >= %2, got \"%3\"")
                         .arg(flag)
                         .arg(min)
                         .arg(*v));
            return false;
        }
        *out = n;
        return true;
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (a == QLatin1String("-X") || a == QLatin1String("--request")) {
            const auto v = value(i, a);
            if (!v)
                return std::nullopt;
            s.method = v->toLatin1();
        } else if (a == QLatin1String("-H") || a == QLatin1String("--header")) {
            const auto v = value(i, a);
            if (!v)
                return std::nullopt;
            const qsizetype colon = v->indexOf(u':');
            if (colon <= 0) {
                fail(QStringLiteral("-H: expected 'Name: value', got \"%1\"").arg(*v));
                return std::nullopt;
            }
            const QByteArray name = v->left(colon).trimmed().toLatin1();
            const QByteArray field = v->mid(colon + 1).trimmed().toLatin1();
            if (http::HttpError e = http::validateHeaderName(name);
                e || (e = http::validateHeaderValue(name, field))) {
                fail(QStringLiteral("-H %1: %2").arg(*v, e.message()));
                return std::nullopt;
            }
            s.headers.append(qMakePair(name, field));
        } else if (a == QLatin1String("-d") || a == QLatin1String("--data")) {
            const auto v = value(i, a);
            if (!v)
                return std::nullopt;
            s.data = *v;
            s.hasData = true;
        } else if (a == QLatin1String("--data-file")) {
            const auto v = value(i, a);
            if (!v)
                return std::nullopt;
            QFile f(*v);
            if (!f.open(QIODevice::ReadOnly)) {
                fail(QStringLiteral("--data-file %1: %2").arg(*v, f.errorString()));
                return std::nullopt;
            }
            s.dataFile = *v;
            s.hasData = true;
        } else if (a == QLatin1String("--json")) {
            s.json = true;
        } else if (a == QLatin1String("--trace")) {
            s.trace = true;
        } else if (a == QLatin1String("--pool-events")) {
            s.poolEvents = true;
        } else if (a == QLatin1String("--no-keepalive")) {
            s.keepAlive = false;
        } else if (a == QLatin1String("-k") || a == QLatin1String("--insecure")) {
            s.insecure = true;
        } else if (a == QLatin1String("--resolve")) {
            // curl's HOST:PORT:ADDR[,ADDR]...; an IPv6 address may be in brackets.
            const auto v = value(i, a);
            if (!v)
                return std::nullopt;
            const QString host = v->section(u':', 0, 0).toLower();
            bool portOk = false;
            const int port = v->section(u':', 1, 1).toInt(&portOk);
            QList<QHostAddress> addresses;
            for (QString text : v->section(u':', 2).split(u',', Qt::SkipEmptyParts)) {
                if (text.startsWith(u'[') && text.endsWith(u']'))
                    text = text.mid(1, text.size() - 2);
                QHostAddress address;
                if (!address.setAddress(text)) {
                    addresses.clear();
                    break;
                }
                addresses.append(address);
            }
            if (host.isEmpty() || !portOk || port <= 0 || port > 65535 || addresses.isEmpty()) {
                fail(QStringLiteral("--resolve: expected HOST:PORT:ADDRESS[,ADDRESS]..., got "
                                    "\"%1\"")
                         .arg(*v));
                return std::nullopt;
            }
            s.resolve[host + u':' + QString::number(port)] += addresses;
        } else if (a == QLatin1String("--timeout")) {
            if (!number(i, a, 1, &s.timeout))
                return std::nullopt;
        } else if (a == QLatin1String("--repeat")) {
            if (!number(i, a, 1, &s.repeat))
                return std::nullopt;
        } else if (a == QLatin1String("--concurrency")) {
            if (!number(i, a, 1, &s.concurrency))
                return std::nullopt;
        } else if (a == QLatin1String("--max-sockets")) {
            if (!number(i, a, 1, &s.maxSockets))
                return std::nullopt;
        } else if (a.startsWith(u'-')) {
            fail(QStringLiteral("unknown option %1").arg(a));
            std::fputs(kUsage, stderr);
            return std::nullopt;
        } else if (s.url.isEmpty()) {
            s.url = QUrl(a.contains(QLatin1String("://")) ? a : QStringLiteral("http://") + a);
            if (!s.url.isValid() || s.url.host().isEmpty()) {
                fail(QStringLiteral("not a URL: %1").arg(a));
                return std::nullopt;
            }
        } else {
            fail(QStringLiteral("unexpected argument %1").arg(a));
            return std::nullopt;
        }
    }
    if (s.url.isEmpty()) {
        std::fputs(kUsage, stderr);
        return std::nullopt;
    }
    if (s.method.isEmpty())
        s.method = s.hasData ? "POST" : "GET";
    if (!http::checkIsHttpToken(s.method)) {
        fail(QStringLiteral("-X: Method must be a valid HTTP token [\"%1\"]")
                 .arg(QString::fromLatin1(s.method)));
        return std::nullopt;
    }
    // As curl does for -d, unless the user names a type.
    const bool hasType = std::any_of(s.headers.begin(), s.headers.end(), [](const auto &h) {
        return h.first.compare("content-type", Qt::CaseInsensitive) == 0;
    });
    if (s.hasData && !hasType)
        s.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return s;
}

wb::Request::Prepared requestOf(const Settings &s)
{
    wb::Request r;
    r.url = s.url.toString(QUrl::FullyEncoded);
    r.method = s.method;
    for (const auto &[name, value] : s.headers)
        r.headers.append({name, value});
    if (!s.dataFile.isEmpty()) {
        r.body.mode = wb::RequestBody::Mode::File;
        r.body.filePath = s.dataFile;
    } else if (s.hasData) {
        r.body.mode = wb::RequestBody::Mode::Raw; // its type is in the headers
        r.body.text = s.data;
    }
    r.keepAlive = s.keepAlive;
    r.timeoutMs = s.timeout;
    r.insecure = s.insecure;
    const int port = s.url.port(s.url.scheme() == QLatin1String("https") ? 443 : 80);
    const auto resolved =
        s.resolve.constFind(s.url.host().toLower() + u':' + QString::number(port));
    if (resolved != s.resolve.cend())
        r.lookup = [addresses = *resolved](const QString &, int) { return addresses; };
    return r.prepare({});
}

// --json: the object, with the body written last and in pieces (a large body is not copied
// whole into UTF-16 and into a JSON document first).
void printJson(const wb::Exchange &x)
{
    wb::ExchangeRecord record = wb::ExchangeRecord::of(x);
    record.body.clear();
    QJsonObject o = record.nodeJson();
    const bool hasBody = o.contains(QStringLiteral("body"));
    o.remove(QStringLiteral("body"));
    QByteArray out = QJsonDocument(o).toJson(QJsonDocument::Compact);
    if (hasBody) {
        out.chop(1); // the closing brace
        out += out.endsWith('{') ? "\"body\":\"" : ",\"body\":\"";
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        QStringDecoder utf8(QStringDecoder::Utf8);
        constexpr qsizetype kPiece = 1 << 20;
        const QByteArray &body = x.body();
        for (qsizetype at = 0; at < body.size(); at += kPiece) {
            out.clear();
            const QString text =
                utf8.decode(QByteArrayView(body).sliced(at, qMin(kPiece, body.size() - at)));
            wb::jsonstring::appendEscaped(out, text);
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        }
        out = "\"}";
    }
    out += '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
}

// --pool-events: each pool event as a JSON line on stderr.
void printPoolEvents(const wb::PoolRecorder &recorder)
{
    QObject::connect(
        &recorder, &wb::PoolRecorder::recorded, &recorder, [](const wb::PoolRecorder::Event &e) {
            std::fprintf(stderr, "%s\n",
                         QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact).constData());
        });
}

int runOnce(const Settings &s)
{
    http::Agent::Options agentOptions;
    agentOptions.keepAlive = s.keepAlive;
    agentOptions.protocol = s.url.scheme() + u':';
    http::Agent agent(agentOptions);
    wb::PoolRecorder pool(&agent);
    if (s.poolEvents)
        printPoolEvents(pool);
    int code = 0;
    auto *x = new wb::Exchange(requestOf(s), &agent, wb::Exchange::Detail::Full, qApp);
    QObject::connect(x, &wb::Exchange::done, qApp, [&, x] {
        if (s.trace)
            for (const wb::Exchange::Event &e : x->events())
                std::fprintf(stderr, "%9.3f ms  %s\n", e.ms, qPrintable(e.name));
        if (s.json) {
            printJson(*x);
        } else {
            const QByteArray head = x->curlStyleHead();
            std::fwrite(head.constData(), 1, size_t(head.size()), stdout);
            std::fwrite(x->body().constData(), 1, size_t(x->body().size()), stdout);
        }
        std::fflush(stdout);
        if (const http::HttpError &e = x->error()) {
            const bool hadResponse = x->response() != nullptr;
            const QString codeText = QString::fromLatin1(e.code());
            fail(e.message().contains(codeText)
                     ? e.message()
                     : QStringLiteral("%1 (%2)").arg(e.message(), codeText));
            const QString hint = wb::errorhint::explain(
                e, s.url.host(), s.url.port(s.url.scheme() == QLatin1String("https") ? 443 : 80),
                hadResponse);
            if (!hint.isEmpty())
                std::fprintf(stderr, "  %s\n", qPrintable(hint));
            // curl's codes: 52 nothing came back, 8 an answer that is not HTTP, 56 an answer that
            // broke after its head; a complete response followed by junk is still a success.
            if (e.code() == "ECONNRESET" && e.message().contains(QLatin1String("TLS")))
                code = 35; // closed during the handshake: curl's SSL connect error
            else if (e.code() == "ECONNRESET" && !hadResponse)
                code = 52;
            else if (e.code().startsWith("HPE_"))
                code = !hadResponse ? 8 : x->response()->complete() ? 0 : 56;
            else
                code = exitCodeFor(e.code());
        } else if (!x->complete()) {
            code = 56;
        }
        QCoreApplication::exit(code);
    });
    return QCoreApplication::exec();
}

int runRepeated(const Settings &s)
{
    QElapsedTimer clock;
    clock.start();
    http::Agent::Options agentOptions;
    agentOptions.keepAlive = s.keepAlive;
    agentOptions.maxSockets = s.maxSockets > 0 ? s.maxSockets : s.concurrency;
    agentOptions.protocol = s.url.scheme() + u':';
    http::Agent agent(agentOptions);
    wb::PoolRecorder pool(&agent);
    if (s.poolEvents)
        printPoolEvents(pool);
    int created = 0, reused = 0;
    QObject::connect(&agent, &http::Agent::socketCreated, &agent, [&] { ++created; });
    QObject::connect(&agent, &http::Agent::socketReused, &agent, [&] { ++reused; });

    const wb::Request::Prepared request = requestOf(s);
    std::vector<double> latencies;
    latencies.reserve(size_t(s.repeat));
    int started = 0, finished = 0, failures = 0;
    QMap<int, int> statuses;
    QString firstError;
    std::function<void()> startOne = [&] {
        if (started >= s.repeat)
            return;
        ++started;
        auto *x = new wb::Exchange(request, &agent, wb::Exchange::Detail::Outcome, &agent);
        QObject::connect(x, &wb::Exchange::done, &agent, [&, done = x] {
            ++finished;
            latencies.push_back(done->elapsedMs());
            if (done->error() || !done->complete()) {
                ++failures;
                if (firstError.isEmpty())
                    firstError = done->error() ? done->error().message()
                                               : QStringLiteral("incomplete response");
            } else {
                ++statuses[done->statusCode()];
            }
            done->deleteLater();
            if (finished == s.repeat)
                QCoreApplication::exit(0);
            else
                startOne();
        });
    };
    for (int i = 0; i < s.concurrency; ++i)
        startOne();
    QCoreApplication::exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies.empty() ? 0.0
                                 : latencies[std::min(latencies.size() - 1,
                                                      size_t(p * double(latencies.size())))];
    };
    QStringList codes;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        codes << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
    std::printf("requests:     %d in %.3f s, concurrency %d, max sockets %d, keep-alive %s\n",
                s.repeat, seconds, s.concurrency, agentOptions.maxSockets,
                s.keepAlive ? "on" : "off");
    std::printf("requests/s:   %.1f\n", double(s.repeat) / seconds);
    std::printf("latency ms:   p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", pct(0.5), pct(0.9),
                pct(0.99), latencies.empty() ? 0.0 : latencies.back());
    std::printf("sockets:      %d created, %d reused\n", created, reused);
    std::printf("statuses:     %s\n", qPrintable(codes.join(QStringLiteral(", "))));
    std::printf("failures:     %d%s\n", failures,
                firstError.isEmpty() ? ""
                                     : qPrintable(QStringLiteral(" (first: %1)").arg(firstError)));
    return failures ? 1 : 0;
}

} // namespace

int SendCommand::run(const QStringList &args)
{
    const std::optional<Settings> settings = parse(args);
    if (!settings)
        return 2;
    const QString scheme = settings->url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        fail(QStringLiteral("%1: only http:// and https:// URLs are supported").arg(scheme));
        return 1;
    }
    return settings->repeat > 0 ? runRepeated(*settings) : runOnce(*settings);
}
