// The pool visualiser under load, measured (not a test): a keep-alive Agent with maxSockets
// 1000 fires a burst at a server given on the command line until at least 10,000 pool events
// are recorded; the lanes repaint every 16 ms meanwhile, then frames are painted across every
// scroll position and zoom. Prints paint times (target: no frame over 16 ms), the cost of
// applying an event to the model and of rebuilding a step (replay) from all events.
// Usage: bench_pool URL [requests] [maxSockets]
#include "agent.h"
#include "burst.h"
#include "poollanesview.h"
#include "poolmodel.h"
#include "poolrecorder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

void report(const char *what, std::vector<double> ms)
{
    if (ms.empty())
        return;
    std::sort(ms.begin(), ms.end());
    std::printf("%-28s frames %5zu  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  %s\n", what,
                ms.size(), ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)],
                ms.back(), ms.back() <= 16 ? "(under 16 ms)" : "(OVER 16 ms)");
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_pool URL [requests] [maxSockets]\n");
        return 2;
    }
    const int requests = args.value(2, QStringLiteral("1500")).toInt();
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = args.value(3, QStringLiteral("1000")).toInt();
    http::Agent agent(options);
    wb::PoolRecorder recorder(&agent);
    recorder.setKeeping(true);
    PoolModel model;
    PoolLanesView view(&model);
    view.resize(1400, 860);
    view.show();

    double applyMs = 0;
    QObject::connect(&recorder, &wb::PoolRecorder::recorded, &model,
                     [&](const wb::PoolRecorder::Event &e) {
                         QElapsedTimer t;
                         t.start();
                         model.apply(e);
                         applyMs += double(t.nsecsElapsed()) / 1e6;
                         view.setNow(e.ms);
                     });
    std::vector<double> live;
    QTimer frames;
    std::vector<double> liveWall;
    QObject::connect(&frames, &QTimer::timeout, &view, [&] {
        QElapsedTimer t;
        t.start();
        view.viewport()->repaint();
        liveWall.push_back(double(t.nsecsElapsed()) / 1e6);
        live.push_back(view.lastPaintMs());
    });
    frames.start(16);

    wb::Burst burst(&agent);
    wb::Request r;
    r.url = args.at(1);
    QElapsedTimer wall;
    // Once the burst is over: paint every scroll position (inside the event loop, where the
    // window is exposed), then a step back.
    QObject::connect(&burst, &wb::Burst::done, &app, [&] {
        frames.stop();
        const auto &events = recorder.events();
        std::printf("burst: %d requests (%d failed) in %.0f ms; %lld events, %zu sockets\n",
                    burst.finished(), burst.failed(), double(wall.elapsed()),
                    qlonglong(events.size()),
                    model.state().groups().empty() ? size_t(0)
                                                   : model.state().groups().front().sockets.size());
        std::printf("model.apply: %.2f us per event\n",
                    applyMs * 1000 / double(std::max<qsizetype>(1, events.size())));
        report("live (every 16 ms)", live);
        report("live, whole repaint()", liveWall);
        auto paint = [&view](std::vector<double> &paintMs, std::vector<double> &wallMs) {
            QElapsedTimer t;
            t.start();
            view.viewport()->repaint();
            wallMs.push_back(double(t.nsecsElapsed()) / 1e6);
            paintMs.push_back(view.lastPaintMs());
        };
        std::vector<double> fit, fitWall, zoomed, zoomedWall;
        QScrollBar *v = view.verticalScrollBar();
        for (int y = 0; y <= v->maximum(); y += std::max(1, v->pageStep() / 2)) {
            v->setValue(y);
            paint(fit, fitWall);
        }
        report("all lanes, fit", fit);
        report("  whole repaint()", fitWall);
        view.setFit(false);
        QScrollBar *h = view.horizontalScrollBar();
        for (int y = 0; y <= v->maximum(); y += std::max(1, v->pageStep())) {
            v->setValue(y);
            for (int x : {0, h->maximum() / 2, h->maximum()}) {
                h->setValue(x);
                paint(zoomed, zoomedWall);
            }
        }
        report("all lanes, scrolled in time", zoomed);
        report("  whole repaint()", zoomedWall);

        const std::vector<wb::PoolRecorder::Event> all(events.cbegin(), events.cend());
        QElapsedTimer t;
        t.start();
        wb::PoolState state = wb::PoolState::replay(all, qsizetype(all.size()) - 1);
        const double replayMs = double(t.nsecsElapsed()) / 1e6;
        t.restart();
        model.setState(std::move(state));
        view.viewport()->repaint();
        std::printf("step back (replay of %zu events; model reset + paint): %.2f ms; %.2f ms\n",
                    all.size(), replayMs, double(t.nsecsElapsed()) / 1e6);
        app.quit();
    });
    wall.start();
    burst.start(r.prepare({}), requests, requests);
    QTimer::singleShot(120000, &app, [&] {
        std::printf("burst did not end within 120 s\n");
        app.exit(1);
    });
    return app.exec();
}
