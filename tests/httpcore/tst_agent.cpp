// Agent: Node's getName() and pool behaviour (keep-alive reuse, lifo/fifo, maxSockets queueing,
// maxFreeSockets, maxTotalSockets, removal on close, timeouts, destroy), followed through the
// pool signals, against a real Server on 127.0.0.1.
#include "agent.h"
#include "clientrequest.h"
#include "http.h"
#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace {

// Fires requests through an agent and remembers what happened to each.
struct Fired {
    QList<http::ClientRequest *> requests;
    int done = 0;
    int failed = 0;
};

} // namespace

class tst_Agent : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void getName_data();
    void getName();
    void keepAliveReusesOneSocket();
    void poolsByHostName();
    void maxSocketsQueuesRequests();
    void scheduling_data();
    void scheduling();
    void maxFreeSocketsDestroysExtra();
    void maxTotalSocketsAcrossOrigins();
    void serverCloseRemovesFreeSocket();
    void idleTimeoutDestroysFreeSocket();
    void shortServerKeepAliveIsNotReused();
    void destroyClosesEverything();
    void noAgentClosesAfterResponse();
    void abortBeforeResponse();
    void globalAgentDefaults();

private:
    void fire(http::Agent *agent, const QByteArray &path, Fired *fired, quint16 port = 0,
              const QString &host = QStringLiteral("127.0.0.1"));
    std::unique_ptr<http::Server> m_server;
};

void tst_Agent::init()
{
    m_server = std::make_unique<http::Server>();
    connect(m_server.get(), &http::Server::requestReceived, this,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                // /delay/N answers after N ms; everything else at once.
                const QByteArray url = req->url();
                const int delay = url.startsWith("/delay/") ? url.mid(7).toInt() : 0;
                connect(req, &http::IncomingMessage::ended, res, [res, delay, url] {
                    QTimer::singleShot(delay, res, [res, url] { res->end(url); });
                });
            });
    QVERIFY(!m_server->listen(0, QStringLiteral("127.0.0.1")));
}

void tst_Agent::cleanup()
{
    m_server.reset();
}

void tst_Agent::fire(http::Agent *agent, const QByteArray &path, Fired *fired, quint16 port,
                     const QString &host)
{
    http::ClientRequest::Options o;
    o.host = host;
    o.port = port ? port : m_server->port();
    o.path = path;
    o.agent = agent;
    http::ClientRequest *req = http::get(o, {}, agent);
    connect(req, &http::ClientRequest::responseReceived, this, [fired](http::IncomingMessage *res) {
        connect(res, &http::IncomingMessage::ended, res, [fired] { ++fired->done; });
        connect(res, &http::IncomingMessage::dataReceived, res, [](const QByteArray &) {});
    });
    connect(req, &http::OutgoingMessage::errorOccurred, this, [fired] { ++fired->failed; });
    fired->requests.append(req);
}

void tst_Agent::getName_data()
{
    // Rows of Node's test/parallel/test-http-agent-getname.js.
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("localAddress");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("socketPath");
    QTest::addColumn<QString>("name");
    QTest::newRow("defaults") << QString() << 0 << QString() << 0 << QString()
                              << QStringLiteral("localhost::");
    QTest::newRow("port and local address")
        << QString() << 80 << QStringLiteral("192.168.1.1") << 0 << QString()
        << QStringLiteral("localhost:80:192.168.1.1");
    QTest::newRow("host") << QStringLiteral("0.0.0.0") << 80 << QString() << 0 << QString()
                          << QStringLiteral("0.0.0.0:80:");
    QTest::newRow("socket path") << QString() << 0 << QString() << 0
                                 << QStringLiteral("/tmp/foo/bar")
                                 << QStringLiteral("localhost:::/tmp/foo/bar");
    QTest::newRow("family 4") << QStringLiteral("0.0.0.0") << 80 << QString() << 4 << QString()
                              << QStringLiteral("0.0.0.0:80::4");
    QTest::newRow("family 6") << QStringLiteral("::1") << 80 << QString() << 6 << QString()
                              << QStringLiteral("::1:80::6");
    QTest::newRow("other family ignored")
        << QStringLiteral("a") << 1 << QString() << 5 << QString() << QStringLiteral("a:1:");
}

void tst_Agent::getName()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, localAddress);
    QFETCH(int, family);
    QFETCH(QString, socketPath);
    QFETCH(QString, name);
    http::Agent agent;
    http::Agent::ConnectOptions o;
    o.host = host;
    o.port = quint16(port);
    o.localAddress = localAddress;
    o.family = family;
    o.socketPath = socketPath;
    QCOMPARE(agent.getName(o), name);
}

void tst_Agent::keepAliveReusesOneSocket()
{
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 1;
    http::Agent agent(options);
    QSignalSpy created(&agent, &http::Agent::socketCreated);
    QSignalSpy reused(&agent, &http::Agent::socketReused);
    QSignalSpy freed(&agent, &http::Agent::socketFreed);
    Fired fired;
    for (int i = 0; i < 3; ++i) {
        fire(&agent, "/n" + QByteArray::number(i), &fired);
        QTRY_COMPARE(fired.done, i + 1);
        QTRY_COMPARE(freed.size(), i + 1);
    }
    QCOMPARE(created.size(), 1);
    QCOMPARE(reused.size(), 2);
    QVERIFY(!fired.requests[0]->reusedSocket());
    QVERIFY(fired.requests[1]->reusedSocket());
    // As Node's req.destroyed: true once the socket went back to the pool.
    QVERIFY(fired.requests[0]->isDestroyed());
    QCOMPARE(freed.last().at(1).toULongLong(), created.first().at(1).toULongLong());
    const QString name = QStringLiteral("127.0.0.1:%1:").arg(m_server->port());
    QCOMPARE(agent.freeSockets().value(name).size(), 1);
    QVERIFY(agent.sockets().isEmpty());
    QCOMPARE(m_server->connectionCount(), 1);
}

void tst_Agent::poolsByHostName()
{
    // Names as users type them: "localhost" is resolved for each new socket, kept alive and
    // reused under its own pool name, apart from the same server reached as 127.0.0.1.
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options);
    QSignalSpy created(&agent, &http::Agent::socketCreated);
    QSignalSpy reused(&agent, &http::Agent::socketReused);
    Fired fired;
    const QString localhost = QStringLiteral("localhost");
    fire(&agent, "/a", &fired, 0, localhost);
    fire(&agent, "/b", &fired, 0, localhost);
    QTRY_COMPARE(fired.done, 2);
    const QString name = QStringLiteral("localhost:%1:").arg(m_server->port());
    QTRY_COMPARE(agent.freeSockets().value(name).size(), 2);
    fire(&agent, "/c", &fired, 0, localhost);
    QTRY_COMPARE(fired.done, 3);
    QCOMPARE(created.size(), 2);
    QCOMPARE(reused.size(), 1);
    QCOMPARE(reused.first().at(0).toString(), name);
    QVERIFY(fired.requests[2]->reusedSocket());
    fire(&agent, "/d", &fired); // 127.0.0.1: another pool, a new socket
    QTRY_COMPARE(fired.done, 4);
    QCOMPARE(created.size(), 3);
    QCOMPARE(created.last().at(0).toString(),
             QStringLiteral("127.0.0.1:%1:").arg(m_server->port()));
    QCOMPARE(fired.failed, 0);
}

void tst_Agent::maxSocketsQueuesRequests()
{
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxSockets = 2;
    http::Agent agent(options);
    QSignalSpy created(&agent, &http::Agent::socketCreated);
    QSignalSpy queued(&agent, &http::Agent::requestQueued);
    QSignalSpy dequeued(&agent, &http::Agent::requestDequeued);
    Fired fired;
    for (int i = 0; i < 5; ++i)
        fire(&agent, "/delay/20", &fired);
    QCOMPARE(queued.size(), 3);
    QCOMPARE(agent.requests().value(QStringLiteral("127.0.0.1:%1:").arg(m_server->port())).size(),
             3);
    QTRY_COMPARE(fired.done, 5);
    QCOMPARE(created.size(), 2);
    QCOMPARE(dequeued.size(), 3);
    QVERIFY(agent.requests().isEmpty());
    QTRY_COMPARE(m_server->connectionCount(), 2);
}

void tst_Agent::scheduling_data()
{
    QTest::addColumn<bool>("fifo");
    QTest::newRow("lifo") << false;
    QTest::newRow("fifo") << true;
}

void tst_Agent::scheduling()
{
    QFETCH(bool, fifo);
    http::Agent::Options options;
    options.keepAlive = true;
    options.scheduling = fifo ? http::Agent::Scheduling::Fifo : http::Agent::Scheduling::Lifo;
    http::Agent agent(options);
    QSignalSpy freed(&agent, &http::Agent::socketFreed);
    QSignalSpy reused(&agent, &http::Agent::socketReused);
    Fired fired;
    fire(&agent, "/delay/10", &fired);  // its socket is freed first
    fire(&agent, "/delay/120", &fired); // then this one
    QTRY_COMPARE(freed.size(), 2);
    const quint64 firstFreed = freed[0].at(1).toULongLong();
    const quint64 lastFreed = freed[1].at(1).toULongLong();
    fire(&agent, "/next", &fired);
    QTRY_COMPARE(reused.size(), 1);
    QCOMPARE(reused[0].at(1).toULongLong(), fifo ? firstFreed : lastFreed);
}

void tst_Agent::maxFreeSocketsDestroysExtra()
{
    http::Agent::Options options;
    options.keepAlive = true;
    options.maxFreeSockets = 1;
    http::Agent agent(options);
    QSignalSpy destroyed(&agent, &http::Agent::socketDestroyed);
    Fired fired;
    fire(&agent, "/delay/5", &fired);
    fire(&agent, "/delay/60", &fired);
    QTRY_COMPARE(fired.done, 2);
    QTRY_COMPARE(destroyed.size(), 1);
    QCOMPARE(destroyed.first().at(2).toString(), QStringLiteral("pool full"));
    QCOMPARE(agent.freeSockets().first().size(), 1);
}

void tst_Agent::maxTotalSocketsAcrossOrigins()
{
    http::Server other;
    connect(&other, &http::Server::requestReceived, this,
            [](http::IncomingMessage *, http::ServerResponse *res) { res->end("other"); });
    QVERIFY(!other.listen(0, QStringLiteral("127.0.0.1")));
    http::Agent::Options options;
    options.maxTotalSockets = 1;
    http::Agent agent(options); // not keep-alive: each socket closes after its response
    QSignalSpy queued(&agent, &http::Agent::requestQueued);
    QSignalSpy created(&agent, &http::Agent::socketCreated);
    Fired fired;
    fire(&agent, "/delay/30", &fired);
    fire(&agent, "/x", &fired, other.port());
    QCOMPARE(queued.size(), 1);
    QTRY_COMPARE(fired.done, 2);
    QCOMPARE(created.size(), 2);
    QVERIFY(agent.totalSocketCount() <= 1);
}

void tst_Agent::serverCloseRemovesFreeSocket()
{
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options);
    QSignalSpy freed(&agent, &http::Agent::socketFreed);
    QSignalSpy destroyed(&agent, &http::Agent::socketDestroyed);
    Fired fired;
    fire(&agent, "/a", &fired);
    QTRY_COMPARE(freed.size(), 1);
    m_server->closeAllConnections();
    QTRY_COMPARE(destroyed.size(), 1);
    QCOMPARE(destroyed.first().at(2).toString(), QStringLiteral("closed"));
    QVERIFY(agent.freeSockets().isEmpty());
    QCOMPARE(agent.totalSocketCount(), 0);
}

void tst_Agent::idleTimeoutDestroysFreeSocket()
{
    http::Agent::Options options;
    options.keepAlive = true;
    options.timeout = 100;
    http::Agent agent(options);
    QSignalSpy destroyed(&agent, &http::Agent::socketDestroyed);
    Fired fired;
    fire(&agent, "/a", &fired);
    QVERIFY(destroyed.wait(2000));
    QCOMPARE(destroyed.first().at(2).toString(), QStringLiteral("timeout"));
    QVERIFY(agent.freeSockets().isEmpty());
}

void tst_Agent::shortServerKeepAliveIsNotReused()
{
    m_server->setKeepAliveTimeout(1000); // "Keep-Alive: timeout=1": less than Node's 1 s margin
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options);
    QSignalSpy destroyed(&agent, &http::Agent::socketDestroyed);
    Fired fired;
    fire(&agent, "/a", &fired);
    QVERIFY(destroyed.wait(2000));
    QCOMPARE(destroyed.first().at(2).toString(), QStringLiteral("server keep-alive too short"));
}

void tst_Agent::destroyClosesEverything()
{
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options);
    QSignalSpy destroyed(&agent, &http::Agent::socketDestroyed);
    QSignalSpy freed(&agent, &http::Agent::socketFreed);
    Fired fired;
    fire(&agent, "/a", &fired);
    fire(&agent, "/delay/5000", &fired);
    QTRY_COMPARE(freed.size(), 1);
    agent.destroy();
    QTRY_COMPARE(destroyed.size(), 2);
    QCOMPARE(destroyed[0].at(2).toString(), QStringLiteral("agent destroyed"));
    QTRY_COMPARE(fired.failed, 1); // the busy request: socket hang up
    QCOMPARE(agent.totalSocketCount(), 0);
}

void tst_Agent::noAgentClosesAfterResponse()
{
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = m_server->port();
    o.noAgent = true;
    std::unique_ptr<http::ClientRequest> req(http::get(o));
    QSignalSpy closed(req.get(), &http::OutgoingMessage::closed);
    QVERIFY(closed.wait(2000));
    QVERIFY(req->rawHeader().contains("Connection: close\r\n"));
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void tst_Agent::abortBeforeResponse()
{
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = m_server->port();
    o.path = "/delay/5000";
    http::Agent agent;
    o.agent = &agent;
    std::unique_ptr<http::ClientRequest> req(http::get(o));
    QStringList events;
    connect(req.get(), &http::ClientRequest::aborted, this,
            [&] { events << QStringLiteral("abort"); });
    connect(req.get(), &http::OutgoingMessage::errorOccurred, this,
            [&](const http::HttpError &e) { events << QString::fromLatin1(e.code()); });
    connect(req.get(), &http::OutgoingMessage::closed, this,
            [&] { events << QStringLiteral("close"); });
    QSignalSpy socket(req.get(), &http::ClientRequest::socketAssigned);
    QVERIFY(socket.wait(2000));
    req->abort();
    QVERIFY(req->isAborted());
    QTRY_COMPARE(events, (QStringList{QStringLiteral("abort"), QStringLiteral("ECONNRESET"),
                                      QStringLiteral("close")}));
}

void tst_Agent::globalAgentDefaults()
{
    http::Agent *global = http::globalAgent();
    QVERIFY(global->keepAlive());
    QCOMPARE(global->options().timeout, 5000);
    QCOMPARE(global->options().scheduling, http::Agent::Scheduling::Lifo);
    QCOMPARE(global->maxFreeSockets(), 256);
    QCOMPARE(global->maxSockets(), INT_MAX);
    QCOMPARE(global->options().keepAliveMsecs, 1000);
}

QTEST_GUILESS_MAIN(tst_Agent)
#include "tst_agent.moc"
