// The desktop app with its demo mock server, under load from outside, measuring how late the
// GUI thread's event loop runs: what a user would feel while the Mock log fills. Prints
// "listening on URL", then after SECONDS the lag figures and what the log holds. Used by
// tests/bench/bench-panel.sh; a measurement, not a test.
#include "mainwindow.h"
#include "mockhost.h"
#include "mocklogdock.h"
#include "mocklogmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 12;
    MainWindow window;
    window.show();
    std::printf("listening on %s\n", qPrintable(window.demoUrl()));
    std::fflush(stdout);
    // A 5 ms timer: how much later than asked each tick comes is the loop's lag.
    std::vector<double> lags;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        lags.push_back(std::max(0.0, double(now - last) / 1e6 - 5.0));
        last = now;
    });
    probe.start();
    QTimer::singleShot(seconds * 1000, &app, [&] {
        std::sort(lags.begin(), lags.end());
        const auto pct = [&](double p) {
            return lags.empty() ? 0.0
                                : lags[std::min(lags.size() - 1, size_t(p * double(lags.size())))];
        };
        const MockLogModel *log = window.mockLogDock()->model();
        std::printf("gui lag ms:   p50 %.2f  p99 %.2f  max %.2f  (%zu ticks)\n", pct(0.5),
                    pct(0.99), lags.empty() ? 0.0 : lags.back(), lags.size());
        std::printf("served:       %lld\n",
                    (long long)window.mockHost()->servers().value(0).requests);
        std::printf("log rows:     %d kept, %lld dropped beyond %lld\n", log->rowCount(),
                    (long long)log->dropped(), (long long)log->capacity());
        std::fflush(stdout);
        app.quit();
    });
    return app.exec();
}
