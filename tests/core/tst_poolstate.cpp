// PoolState: a real Agent's events against real servers (ours and Node's), checked after every
// event against the Agent's own `sockets`, `freeSockets` and `requests`; then replayed from the
// exported JSON lines, step by step, to the same states.
#include "agent.h"
#include "burst.h"
#include "incomingmessage.h"
#include "poolstate.h"
#include "server.h"
#include "serverresponse.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace wb;
using State = PoolState::SocketState;

namespace {

/// A server on 127.0.0.1 answering "ok" after `delayMs`.
struct SlowServer {
    http::Server server;
    explicit SlowServer(int delayMs)
    {
        QObject::connect(&server, &http::Server::requestReceived, &server,
                         [delayMs](http::IncomingMessage *, http::ServerResponse *res) {
                             QTimer::singleShot(delayMs, res, [res] { res->end("ok"); });
                         });
        if (server.listen(0, QStringLiteral("127.0.0.1")))
            qFatal("listen failed");
    }
    QString url() const { return QStringLiteral("http://localhost:%1/").arg(server.port()); }
};

/// Node's http server on 127.0.0.1, answering "ok" after `delayMs`, with `keepAliveTimeout`.
struct NodeServer {
    QProcess process;
    quint16 port = 0;
    NodeServer(int delayMs, int keepAliveTimeoutMs)
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            qFatal("node is needed (the test command installs it)");
        const char *script = R"(
            const s = require('http').createServer((q, r) => setTimeout(() => r.end('ok'), +process.argv[1]));
            s.keepAliveTimeout = +process.argv[2];
            s.listen(0, '127.0.0.1', () => console.log(s.address().port));
            process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
        )";
        process.start(node, {QStringLiteral("-e"), QString::fromLatin1(script),
                             QString::number(delayMs), QString::number(keepAliveTimeoutMs)});
        if (!process.waitForReadyRead(10000))
            qFatal("node did not start");
        port = quint16(process.readLine().trimmed().toUInt());
    }
    ~NodeServer()
    {
        process.closeWriteChannel();
        if (!process.waitForFinished(5000))
            process.kill();
    }
    QString url() const { return QStringLiteral("http://localhost:%1/").arg(port); }
};

Request::Prepared get(const QString &url)
{
    Request r;
    r.url = url;
    return r.prepare({});
}

} // namespace

class tst_PoolState : public QObject {
    Q_OBJECT
    /// Records `agent`, checks the state against it after every event and keeps a snapshot of
    /// each step.
    struct Watch {
        PoolRecorder recorder;
        PoolState state;
        std::vector<PoolState> steps;
        QStringList mismatches;
        explicit Watch(http::Agent *agent)
            : recorder(agent)
        {
            recorder.setKeeping(true);
            connect(&recorder, &PoolRecorder::recorded, &recorder,
                    [this, agent](const PoolRecorder::Event &e) {
                        state.apply(e);
                        steps.push_back(state);
                        const PoolState::Group &g =
                            state.groups()[size_t(state.groupIndex(e.group))];
                        const auto busy = agent->sockets().value(e.group).size();
                        const auto free = agent->freeSockets().value(e.group).size();
                        const auto queued = agent->requests().value(e.group).size();
                        if (busy != g.busy || free != g.free || queued != qsizetype(g.queue.size()))
                            mismatches << QStringLiteral("after %1: agent %2/%3/%4, state %5/%6/%7")
                                              .arg(e.name)
                                              .arg(busy)
                                              .arg(free)
                                              .arg(queued)
                                              .arg(g.busy)
                                              .arg(g.free)
                                              .arg(g.queue.size());
                    });
        }
        int count(const char *name) const
        {
            return int(
                std::count_if(recorder.events().cbegin(), recorder.events().cend(),
                              [name](const auto &e) { return e.name == QLatin1String(name); }));
        }
        const PoolState::Group &group() const { return state.groups().front(); }
    };
    /// The events as exported JSON lines, read back and replayed to each step: the same states.
    static void checkReplay(const Watch &w);
    static void fire(http::Agent *agent, const QString &url, int count, int concurrency);

private slots:
    void burstQueuesThenReuses();
    void burstAgainstNode();
    void keepAliveOffOneSocketEach();
    void maxFreeSocketsEvicts();
    void idleTimeoutDestroys();
    void nodeKeepAliveTooShort();
    void adoptsSocketsMadeBeforeClear();
    void explainsEveryEvent();
};

void tst_PoolState::fire(http::Agent *agent, const QString &url, int count, int concurrency)
{
    Burst burst(agent);
    QSignalSpy done(&burst, &Burst::done);
    burst.start(get(url), count, concurrency);
    QVERIFY(done.wait(20000));
    QCOMPARE(burst.finished(), count);
    QCOMPARE(burst.failed(), 0);
}

void tst_PoolState::checkReplay(const Watch &w)
{
    std::vector<PoolRecorder::Event> read;
    for (const PoolRecorder::Event &e : w.recorder.events()) {
        const QByteArray line = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
        const auto back = PoolRecorder::Event::fromJson(QJsonDocument::fromJson(line).object());
        QVERIFY(back);
        read.push_back(*back);
    }
    QCOMPARE(read.size(), w.steps.size());
    for (size_t i = 0; i < read.size(); ++i)
        QVERIFY2(PoolState::replay(read, qsizetype(i + 1)) == w.steps[i],
                 qPrintable(QStringLiteral("step %1 differs").arg(i + 1)));
}

void tst_PoolState::burstQueuesThenReuses()
{
    // The issue's scene: maxSockets 2, ten requests at once at a slow route.
    SlowServer server(100);
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 2;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, server.url(), 10, 10);
    QCOMPARE(w.mismatches, QStringList());

    // Two sockets, eight queued (held by maxSockets), then the two carry all ten in turn.
    QCOMPARE(w.count("socketCreated"), 2);
    QCOMPARE(w.count("requestQueued"), 8);
    const auto all8 = std::find_if(w.steps.cbegin(), w.steps.cend(), [](const PoolState &s) {
        return s.groups().front().queue.size() == 8;
    });
    QVERIFY(all8 != w.steps.cend());
    QCOMPARE(all8->groups().front().busy, 2);
    const PoolState::Group &g = w.group();
    QCOMPARE(g.name, QUrl(server.url()).host() + QStringLiteral(":%1:").arg(server.server.port()));
    QCOMPARE(int(g.sockets.size()), 2);
    QCOMPARE(g.sockets[0].served() + g.sockets[1].served(), 10);
    QVERIFY(g.sockets[0].served() >= 4 && g.sockets[1].served() >= 4);
    QCOMPARE(g.free, 2);
    QCOMPARE(g.busy, 0);
    for (const PoolState::Socket &s : g.sockets) {
        QCOMPARE(s.state, State::Free);
        QVERIFY(s.port > 0);
    }
    for (const PoolState::Bar &b : g.bars) {
        QCOMPARE(b.status, 200);
        QVERIFY(b.socket == 1 || b.socket == 2);
        QVERIFY(b.assigned <= b.sent && b.sent <= b.response && b.response <= b.end);
        QVERIFY(b.ended.isEmpty());
        if (b.queued >= 0) {
            QCOMPARE(b.limit, QStringLiteral("maxSockets"));
            QVERIFY(b.dequeued >= b.queued + 50); // waited for a 100 ms answer
        }
    }
    const PoolState::Counters c = w.state.counters();
    QCOMPARE(c.created, 2);
    QCOMPARE(c.reused, 8); // requests on a socket that had carried one before
    QCOMPARE(c.destroyed, 0);
    QCOMPARE(c.maxConcurrent, 2);
    QCOMPARE(c.queuedCount, 8);
    QVERIFY(c.queuedMax >= c.queuedP50 && c.queuedP50 > 50);
    checkReplay(w);

    // A second burst reuses the two idle sockets: Node's socketReused, req.reusedSocket.
    fire(&agent, server.url(), 2, 2);
    QCOMPARE(w.mismatches, QStringList());
    QCOMPARE(w.count("socketReused"), 2);
    QCOMPARE(w.state.counters().created, 2);
    QVERIFY(w.group().bars.back().reused);

    agent.destroy();
    QTRY_COMPARE(w.count("socketDestroyed"), 2);
    for (const PoolState::Socket &s : w.group().sockets) {
        QCOMPARE(s.state, State::Destroyed);
        QCOMPARE(s.reason, QStringLiteral("agent destroyed"));
    }
    QCOMPARE(w.mismatches, QStringList());
}

void tst_PoolState::burstAgainstNode()
{
    NodeServer node(50, 5000);
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 2;
    options.scheduling = http::Agent::Scheduling::Fifo;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, node.url(), 6, 6);
    QCOMPARE(w.mismatches, QStringList());
    QCOMPARE(w.state.counters().created, 2);
    QCOMPARE(w.count("requestQueued"), 4);
    QCOMPARE(w.group().free, 2);
    checkReplay(w);
}

void tst_PoolState::keepAliveOffOneSocketEach()
{
    SlowServer server(0);
    http::Agent agent; // Node's default: keepAlive false
    Watch w(&agent);
    fire(&agent, server.url(), 3, 1);
    QTRY_COMPARE(w.count("socketDestroyed"), 3);
    QCOMPARE(w.mismatches, QStringList());
    const PoolState::Group &g = w.group();
    QCOMPARE(int(g.sockets.size()), 3);
    for (const PoolState::Socket &s : g.sockets) {
        QCOMPARE(s.served(), 1);
        QCOMPARE(s.state, State::Destroyed);
        QCOMPARE(s.reason, QStringLiteral("not kept alive"));
    }
    QCOMPARE(w.state.counters().reused, 0);
    QCOMPARE(w.state.counters().maxConcurrent, 1);
    checkReplay(w);
}

void tst_PoolState::maxFreeSocketsEvicts()
{
    SlowServer server(50);
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 3;
    options.maxFreeSockets = 1;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, server.url(), 3, 3);
    QTRY_COMPARE(w.count("socketDestroyed"), 2);
    QCOMPARE(w.mismatches, QStringList());
    QCOMPARE(w.group().free, 1);
    int evicted = 0;
    for (const PoolState::Socket &s : w.group().sockets)
        evicted += s.reason == QLatin1String("pool full");
    QCOMPARE(evicted, 2);
    QCOMPARE(w.state.counters().maxConcurrent, 3);
    checkReplay(w);
}

void tst_PoolState::idleTimeoutDestroys()
{
    SlowServer server(0);
    http::Agent::Options options;
    options.keepAlive = true;
    options.timeout = 150;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, server.url(), 1, 1);
    QCOMPARE(w.group().sockets.front().state, State::Free);
    QTRY_COMPARE(w.group().sockets.front().state, State::Destroyed);
    QCOMPARE(w.group().sockets.front().reason, QStringLiteral("timeout"));
    QVERIFY(w.group().sockets.front().destroyed - w.group().sockets.front().freeSince >= 100);
    QCOMPARE(w.mismatches, QStringList());
    checkReplay(w);
}

void tst_PoolState::nodeKeepAliveTooShort()
{
    // Node's server with keepAliveTimeout 500 ms says "Keep-Alive: timeout=0": the agent must
    // not keep the socket (its safety margin is a second).
    NodeServer node(0, 500);
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, node.url(), 1, 1);
    QTRY_COMPARE(w.count("socketDestroyed"), 1);
    QCOMPARE(w.group().sockets.front().reason, QStringLiteral("server keep-alive too short"));
    QVERIFY(w.group().bars.front().ended.isEmpty()); // the request itself ended well
    QCOMPARE(w.mismatches, QStringList());
}

void tst_PoolState::adoptsSocketsMadeBeforeClear()
{
    // Cleared with two idle sockets in the pool: the next burst's events name sockets the state
    // never saw made; it takes them in as they must have been.
    SlowServer server(30);
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 2;
    http::Agent agent(options);
    Watch w(&agent);
    fire(&agent, server.url(), 2, 2);
    w.recorder.clear();
    w.state = PoolState();
    w.steps.clear();
    QCOMPARE(w.recorder.now(), 0.0); // the clock starts again with the next event
    fire(&agent, server.url(), 4, 4);
    // An idle socket is unseen until its first event (nothing is polled): until then the state
    // counts one free socket fewer than the Agent, never anything else.
    for (const QString &m : std::as_const(w.mismatches))
        QVERIFY2(m.contains(QLatin1String("agent 1/1/0, state 1/0/0")) ||
                     m.contains(QLatin1String("agent 0/2/0, state 0/1/0")),
                 qPrintable(m));
    QCOMPARE(int(w.group().sockets.size()), 2);
    QCOMPARE(w.group().free, 2);
    QCOMPARE(w.state.counters().created, 0);
    QCOMPARE(w.group().sockets[0].served() + w.group().sockets[1].served(), 4);
    checkReplay(w);
}

void tst_PoolState::explainsEveryEvent()
{
    for (const QString &name : PoolRecorder::eventNames()) {
        PoolRecorder::Event e;
        e.name = name;
        e.socket = 3;
        e.request = 7;
        e.reason = QStringLiteral("timeout");
        const QString text = PoolState::explain(e);
        QVERIFY2(text.size() > 20 && text != name, qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(tst_PoolState)
#include "tst_poolstate.moc"
