#include "servecommand.h"

#include "mockengine.h"
#include "mockfile.h"
#include "server.h"
#include "stopsignals.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

namespace {

void printErr(const QString &text)
{
    std::fprintf(stderr, "wirebench serve: %s\n", qPrintable(text));
}

const char kUsage[] = "usage: wirebench serve FILE [--host HOST] [--port PORT]\n";

} // namespace

int ServeCommand::run(const QStringList &args)
{
    QString file, host;
    int port = -1;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a == QLatin1String("--host") || a == QLatin1String("--port")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("%1 needs a value").arg(a));
                return 2;
            }
            const QString value = args[++i];
            if (a == QLatin1String("--host")) {
                host = value;
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

    wb::MockEngine engine;
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
