// MockHost: servers in a worker thread, started and stopped one by one, routes changed while
// running, and every request coming back in log batches.
#include "exchange.h"
#include "mockhost.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

using namespace wb;

class tst_MockHost : public QObject {
    Q_OBJECT
private slots:
    void serveLogAndEditLive();
};

namespace {

// GET `url` with a one-off connection; the exchange when done.
std::unique_ptr<Exchange> get(const QString &url)
{
    Request r;
    r.url = url;
    r.keepAlive = false;
    auto x = std::make_unique<Exchange>(r.prepare({}), nullptr, Exchange::Detail::Full);
    QDeadlineTimer deadline(5000); // every request ends; the test checks what came back
    while (!x->isDone() && !deadline.hasExpired())
        QTest::qWait(5);
    return x;
}

} // namespace

void tst_MockHost::serveLogAndEditLive()
{
    QString error;
    const auto file = MockFile::parse(R"({"servers":[{"name":"one","routes":[
        {"path":"/a","body":"first"}]},{"name":"two","routes":[]}]})",
                                      QStringLiteral("t.json"), &error);
    QVERIFY2(file, qPrintable(error));
    MockHost host;
    const QList<int> ids = host.add(*file);
    QCOMPARE(ids.size(), 2);
    QCOMPARE(host.server(ids[0])->state, MockHost::State::Stopped);
    QVERIFY(!host.start(ids[0]));
    const QString url = host.server(ids[0])->url;
    QVERIFY(url.startsWith(QStringLiteral("http://127.0.0.1:")));
    QCOMPARE(host.server(ids[1])->state, MockHost::State::Stopped); // started one by one

    QSignalSpy logged(&host, &MockHost::logged);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get(url + QStringLiteral("/a"))->body(), QByteArray("first"));
    // In batches, each row naming its server by id.
    QTRY_COMPARE(host.server(ids[0])->requests, 3);
    int rows = 0;
    for (const QList<QVariant> &args : std::as_const(logged))
        for (const MockEngine::LogEntry &e : args[0].value<QList<MockEngine::LogEntry>>()) {
            ++rows;
            QCOMPARE(e.server, ids[0]);
            QCOMPARE(e.status, 200);
            QCOMPARE(e.route, 0);
        }
    QCOMPARE(rows, 3);
    QVERIFY(logged.size() < 3); // batched

    // A route changed while running answers the next request.
    QList<MockRoute> routes = host.server(ids[0])->spec.routes;
    routes[0].response.body = "edited";
    routes[0].response.status = 202;
    host.setRoutes(ids[0], routes);
    const auto x = get(url + QStringLiteral("/a"));
    QCOMPARE(x->statusCode(), 202);
    QCOMPARE(x->body(), QByteArray("edited"));

    host.stop(ids[0]);
    QCOMPARE(host.server(ids[0])->state, MockHost::State::Stopped);
    QCOMPARE(get(url + QStringLiteral("/a"))->error().code(), QByteArray("ECONNREFUSED"));
    // Started again: the edited routes stay.
    QVERIFY(!host.start(ids[0]));
    QCOMPARE(get(host.server(ids[0])->url + QStringLiteral("/a"))->body(), QByteArray("edited"));
}

QTEST_GUILESS_MAIN(tst_MockHost)
#include "tst_mockhost.moc"
