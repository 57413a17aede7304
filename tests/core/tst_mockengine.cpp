// The mock engine: route matching, echo JSON shaped like Node's JSON.stringify, start errors.
#include "incomingmessage.h"
#include "mockengine.h"
#include "mockrequest.h"
#include "server.h"

#include <QTest>

using namespace wb;

class tst_MockEngine : public QObject {
    Q_OBJECT
private slots:
    void match_data();
    void match();
    void echoJsonKeepsNodeKeyOrder();
    void startFailsCleanlyOnBusyPort();
    void overridesApplyToFirstServer();
};

void tst_MockEngine::match_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<int>("route"); // index, -1 for none
    QTest::newRow("exact") << QByteArray("GET") << QByteArray("/hello") << 0;
    QTest::newRow("query ignored") << QByteArray("GET") << QByteArray("/hello?x=1") << 0;
    QTest::newRow("HEAD uses GET route") << QByteArray("HEAD") << QByteArray("/hello") << 0;
    QTest::newRow("method differs") << QByteArray("POST") << QByteArray("/hello") << -1;
    QTest::newRow("param") << QByteArray("GET") << QByteArray("/users/42") << 1;
    QTest::newRow("param needs a segment") << QByteArray("GET") << QByteArray("/users/") << -1;
    QTest::newRow("param is one segment")
        << QByteArray("GET") << QByteArray("/users/42/posts") << 2;
    QTest::newRow("wildcard rest") << QByteArray("GET") << QByteArray("/static/a/b.css") << 3;
    QTest::newRow("wildcard empty rest") << QByteArray("GET") << QByteArray("/static/") << 3;
    QTest::newRow("any method") << QByteArray("DELETE") << QByteArray("/any") << 4;
    QTest::newRow("method is case-sensitive") << QByteArray("get") << QByteArray("/hello") << -1;
    QTest::newRow("trailing slash differs") << QByteArray("GET") << QByteArray("/hello/") << -1;
}

void tst_MockEngine::match()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    QFETCH(int, route);
    QList<MockRoute> routes(5);
    routes[0].path = QStringLiteral("/hello");
    routes[1].path = QStringLiteral("/users/:id");
    routes[2].path = QStringLiteral("/users/:id/posts");
    routes[3].path = QStringLiteral("/static/*");
    routes[4].method = "*";
    routes[4].path = QStringLiteral("/any");
    http::IncomingMessage req;
    req.setHead(1, 1, method, url, 0, {}, {}, false);
    MockRequest request(req, {});
    QCOMPARE(MockEngine::match(routes, request), route);
}

void tst_MockEngine::echoJsonKeepsNodeKeyOrder()
{
    http::IncomingMessage req;
    req.setHead(1, 1, "POST", "/e?a=\"1\"", 0, {},
                {"Host", "h", "Set-Cookie", "a", "X-Ctl", "caf\xe9"}, false);
    req.pushEnd({"X-T", "1"});
    // JSON.stringify order and escapes, latin1 header bytes as characters, UTF-8 body.
    QCOMPARE(
        MockEngine::echoJson(&req, "line\n\x01\xc3\xa9"),
        QByteArray("{\"method\":\"POST\",\"url\":\"/e?a=\\\"1\\\"\",\"httpVersion\":\"1.1\","
                   "\"rawHeaders\":[\"Host\",\"h\",\"Set-Cookie\",\"a\",\"X-Ctl\",\"caf\xc3\xa9\"],"
                   "\"headers\":{\"host\":\"h\",\"set-cookie\":[\"a\"],\"x-ctl\":\"caf\xc3\xa9\"},"
                   "\"body\":\"line\\n\\u0001\xc3\xa9\",\"rawTrailers\":[\"X-T\",\"1\"],"
                   "\"trailers\":{\"x-t\":\"1\"}}"));
}

void tst_MockEngine::startFailsCleanlyOnBusyPort()
{
    http::Server blocker;
    QVERIFY(!blocker.listen(0, QStringLiteral("127.0.0.1")));
    MockFile file;
    file.servers.resize(2);
    file.servers[0].name = QStringLiteral("first");
    file.servers[1].name = QStringLiteral("second");
    file.servers[1].port = blocker.port();
    MockEngine engine;
    const http::HttpError e = engine.start(file);
    QCOMPARE(e.code(), QByteArray("EADDRINUSE"));
    QVERIFY2(e.message().startsWith(QStringLiteral("second: ")), qPrintable(e.message()));
    QVERIFY(engine.servers().isEmpty());
}

void tst_MockEngine::overridesApplyToFirstServer()
{
    MockFile file;
    file.servers.resize(2);
    file.servers[0].host = QStringLiteral("0.0.0.0");
    file.servers[0].port = 1;
    MockEngine engine;
    QVERIFY(!engine.start(file, QStringLiteral("127.0.0.1"), 0));
    QCOMPARE(engine.specs()[0].host, QStringLiteral("127.0.0.1"));
    QVERIFY(engine.url(0).startsWith(QStringLiteral("http://127.0.0.1:")));
    QCOMPARE(engine.specs()[1].host, QStringLiteral("127.0.0.1"));
}

QTEST_GUILESS_MAIN(tst_MockEngine)
#include "tst_mockengine.moc"
