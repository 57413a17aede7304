// PoolRecorder: a real Agent's pool events against a real server, as values and JSON lines.
#include "agent.h"
#include "exchange.h"
#include "incomingmessage.h"
#include "poolrecorder.h"
#include "server.h"
#include "serverresponse.h"

#include <QTest>

using namespace wb;

class tst_PoolRecorder : public QObject {
    Q_OBJECT
private slots:
    void oneSocketForThreeRequests();
};

void tst_PoolRecorder::oneSocketForThreeRequests()
{
    http::Server server;
    connect(&server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *, http::ServerResponse *res) { res->end("ok"); });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 1;
    http::Agent agent(options);
    PoolRecorder recorder(&agent);
    recorder.setKeeping(true);
    Request r;
    r.url = QStringLiteral("http://localhost:%1/").arg(server.port());
    std::vector<std::unique_ptr<Exchange>> runs;
    for (int i = 0; i < 3; ++i)
        runs.push_back(
            std::make_unique<Exchange>(r.prepare({}), &agent, Exchange::Detail::Outcome));
    QTRY_VERIFY(std::all_of(runs.cbegin(), runs.cend(), [](const auto &x) { return x->isDone(); }));

    auto count = [&](const char *name) {
        return std::count_if(
            recorder.events().cbegin(), recorder.events().cend(),
            [name](const PoolRecorder::Event &e) { return e.name == QLatin1String(name); });
    };
    // maxSockets 1: one socket made, the two others wait, then take it in turn.
    QCOMPARE(count("socketCreated"), 1);
    QCOMPARE(count("requestQueued"), 2);
    QCOMPARE(count("requestDequeued"), 2);
    const PoolRecorder::Event &first = recorder.events().first();
    QCOMPARE(first.name, QStringLiteral("socketCreated"));
    QCOMPARE(first.request, 1);
    QCOMPARE(first.group, QStringLiteral("localhost:%1:").arg(server.port())); // Node's getName()
    for (const PoolRecorder::Event &e : recorder.events()) {
        if (e.socket)
            QCOMPARE(e.socket, first.socket); // the same socket throughout
        QVERIFY(e.request >= 0 && e.request <= 3);
        // As an exported line and back: the same event.
        QCOMPARE(PoolRecorder::Event::fromJson(e.toJson()), std::optional(e));
    }
    QVERIFY(!PoolRecorder::Event::fromJson(
        QJsonObject{{QStringLiteral("event"), QStringLiteral("nope")}}));
}

QTEST_GUILESS_MAIN(tst_PoolRecorder)
#include "tst_poolrecorder.moc"
