#include "mainwindow.h"
#include "sendcommand.h"
#include "servecommand.h"
#include "stopsignals.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

const char kUsage[] = "usage: wirebench                  start the desktop app\n"
                      "       wirebench serve FILE [--host H] [--port N]\n"
                      "                                  run the mock servers of FILE headless\n"
                      "       wirebench send [options] URL one request, printed like curl -i\n"
                      "                                  (wirebench send --help for options)\n";

} // namespace

int main(int argc, char *argv[])
{
    const char *command = argc > 1 ? argv[1] : nullptr;
    if (command && std::strcmp(command, "serve") == 0) {
        // Qt's own poll()-based event dispatcher serves sockets faster than the GLib one.
        if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
            qputenv("QT_NO_GLIB", "1");
        QCoreApplication app(argc, argv);
        return ServeCommand::run(app.arguments().mid(2));
    }
    if (command && std::strcmp(command, "send") == 0) {
        if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
            qputenv("QT_NO_GLIB", "1");
        QCoreApplication app(argc, argv);
        return SendCommand::run(app.arguments().mid(2));
    }
    if (command && (std::strcmp(command, "--help") == 0 || std::strcmp(command, "-h") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command) {
        std::fprintf(stderr, "wirebench: unknown command \"%s\"\n%s", command, kUsage);
        return 2;
    }
    if (!hasDisplay()) {
        std::fprintf(stderr, "wirebench: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the "
                             "desktop app cannot start.\n"
                             "Run mock servers headless instead:  wirebench serve FILE\n"
                             "  e.g. wirebench serve resources/demo.mock.json\n"
                             "or start the app under a virtual display:  xvfb-run -a wirebench\n");
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Wirebench"));
    QApplication::setOrganizationName(QStringLiteral("Wirebench"));
    MainWindow window;
    window.show();
    // Stopped from outside (SIGTERM at logout, Ctrl+C in a terminal): closed as by File → Quit,
    // so the open tabs are kept.
    wb::StopSignals stop;
    QObject::connect(&stop, &wb::StopSignals::stopRequested, &window, [&window](int count) {
        if (count == 1)
            window.closeForStop();
        else
            QCoreApplication::exit(1);
    });
    return app.exec();
}
