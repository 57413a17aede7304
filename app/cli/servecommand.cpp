#include "servecommand.h"

#include "mockengine.h"
#include "mockfile.h"
#include "mockrecorder.h"
#include "server.h"
#include "stopsignals.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace {

void printErr(const QString &text)
{
    std::fprintf(stderr, "wirebench serve: %s\n", qPrintable(text));
}

const char kUsage[] =
    "usage: wirebench serve FILE [--host HOST] [--port PORT] [--log] [--record FILE]\n"
    "  --log          one JSON line per request on stdout\n"
    "  --record FILE  each proxied exchange becomes a route in FILE (a mock file)\n";

} // namespace

int ServeCommand::run(const QStringList &args)
{
    QString file, host, recordFile;
    int port = -1;
    bool log = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a == QLatin1String("--log")) {
            log = true;
        } else if (a == QLatin1String("--host") || a == QLatin1String("--port") ||
                   a == QLatin1String("--record")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("%1 needs a value").arg(a));
                return 2;
            }
            const QString value = args[++i];
            if (a == QLatin1String("--host")) {
                host = value;
            } else if (a == QLatin1String("--record")) {
                recordFile = value;
            } else {
                bool ok = false;
                port = value.toInt(&ok);
                if (!ok || port < 0 || port > 65535) {
                    printErr(QStringLiteral("--port: expected 0-65535, got \"%1\"").arg(value));
                    return 2;
                }
            }
        } else if (a.startsWith(u'-') && a != QLatin1String("-")) {
            printErr(QStringLiteral("unknown option %1").arg(a));
            std::fputs(kUsage, stderr);
            return 2;
        } else if (file.isEmpty()) {
            file = a;
        } else {
            printErr(QStringLiteral("unexpected argument %1").arg(a));
            return 2;
        }
    }
    if (file.isEmpty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }

    QString error;
    const std::optional<wb::MockFile> mock = wb::MockFile::load(file, &error);
    if (!mock) {
        printErr(error);
        return 2;
    }
    for (const QString &warning : mock->warnings)
        printErr(QStringLiteral("warning: %1").arg(warning));

    std::optional<wb::MockRecorder> recorder;
    if (!recordFile.isEmpty()) {
        recorder.emplace(recordFile);
        if (!recorder->isUsable(&error)) {
            printErr(QStringLiteral("--record: %1").arg(error));
            return 2;
        }
        const bool proxies =
            std::any_of(mock->servers.cbegin(), mock->servers.cend(),
                        [](const wb::MockServerSpec &s) { return !s.proxy.isEmpty(); });
        if (!proxies)
            printErr(QStringLiteral("warning: --record: no server of %1 has a \"proxy\", so "
                                    "nothing will be recorded")
                         .arg(file));
    }
    wb::MockEngine engine;
    engine.setLogging(log || recorder);
    QObject::connect(
        &engine, &wb::MockEngine::requestLogged, &engine,
        [&](const wb::MockEngine::LogEntry &entry) {
            if (log) {
                const QByteArray line = entry.toJsonLine(engine.specs()[entry.server].name);
                std::printf("%s\n", line.constData());
                std::fflush(stdout);
            }
            QString problem;
            if (recorder && entry.proxied && entry.status > 0 && !recorder->record(entry, &problem))
                printErr(problem);
        });
    if (http::HttpError e = engine.start(*mock, host, port)) {
        printErr(e.message());
        return 1;
    }
    for (int i = 0; i < engine.servers().size(); ++i) {
        const QString name = engine.specs()[i].name;
        std::printf("listening on %s\n", qPrintable(engine.url(i)));
        const QString bound = engine.specs()[i].host;
        if (bound != QLatin1String("127.0.0.1") && bound != QLatin1String("::1") &&
            bound != QLatin1String("localhost"))
            printErr(QStringLiteral("warning: %1 listens on %2, reachable from other machines")
                         .arg(name, bound.isEmpty() ? QStringLiteral("every interface") : bound));
    }
    std::fflush(stdout);
    // Out of descriptors: connections are closed on arrival (nothing spins); say so, at most
    // once every 5 s, with the limit to raise.
    QElapsedTimer lastWarning;
    for (http::Server *s : engine.servers())
        QObject::connect(s, &http::Server::connectionsDropped, &engine, [&engine, &lastWarning] {
            if (lastWarning.isValid() && lastWarning.elapsed() < 5000)
                return;
            lastWarning.start();
            qint64 total = 0;
            for (const http::Server *server : engine.servers())
                total += server->droppedCount();
            rlimit limit = {};
            ::getrlimit(RLIMIT_NOFILE, &limit);
            printErr(QStringLiteral("out of file descriptors (EMFILE): %1 new connection(s) "
                                    "closed on arrival so far; the limit is %2 (ulimit -n)")
                         .arg(total)
                         .arg(qulonglong(limit.rlim_cur)));
        });

    wb::StopSignals stop;
    if (!stop.isWatching()) {
        printErr(QStringLiteral("cannot set up signal handling"));
        return 1;
    }
    QObject::connect(&stop, &wb::StopSignals::stopRequested, &engine, [&engine](int count) {
        if (count == 1) {
            engine.close();
        } else {
            printErr(QStringLiteral("second signal: closing all connections"));
            for (http::Server *s : engine.servers())
                s->closeAllConnections();
        }
    });
    QObject::connect(&engine, &wb::MockEngine::closed, qApp, [] { QCoreApplication::exit(0); });
    std::signal(SIGPIPE, SIG_IGN);
    return QCoreApplication::exec();
}
