// ClientRequest against scripted raw servers (tests/client/cases.json): the events, in order,
// and the response must be what Node 20's client reports (tests/client/node20-events.json, made
// by tests/tools/node-client-events.js).
#include "clientrequest.h"
#include "http.h"
#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"
#include "streamsocket.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using OutgoingHeaders = http::OutgoingMessage::HeaderList;

namespace {

QJsonObject readJson(const QString &name)
{
    QFile f(QStringLiteral(WIREBENCH_TESTS_DIR "/client/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Answers each connection with the case's steps once the request head has arrived.
class ScriptedServer : public QTcpServer {
public:
    explicit ScriptedServer(QJsonArray steps)
        : m_steps(std::move(steps))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *c = nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(c, &QTcpSocket::readyRead, c, [this, c, buffer] {
                    *buffer += c->readAll();
                    if (buffer->contains("\r\n\r\n") && !c->property("started").toBool()) {
                        c->setProperty("started", true);
                        play(c, 0);
                    }
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }

private:
    void play(QTcpSocket *c, int index)
    {
        for (; index < m_steps.size(); ++index) {
            const QJsonObject step = m_steps[index].toObject();
            if (step.contains(QStringLiteral("write"))) {
                c->write(step[QStringLiteral("write")].toString().toLatin1());
                c->flush();
            } else if (step.contains(QStringLiteral("pauseMs"))) {
                QTimer::singleShot(step[QStringLiteral("pauseMs")].toInt(), c,
                                   [this, c, index] { play(c, index + 1); });
                return;
            } else if (step.contains(QStringLiteral("close"))) {
                c->abort();
                return;
            }
        }
    }
    QJsonArray m_steps;
};

QJsonArray rawList(const QByteArrayList &list)
{
    QJsonArray a;
    for (const QByteArray &v : list)
        a.append(QString::fromLatin1(v));
    return a;
}

} // namespace

class tst_ClientRequest : public QObject {
    Q_OBJECT
private slots:
    void matchesNode_data();
    void matchesNode();
    void requestHeadBytes_data();
    void requestHeadBytes();
    void implicitHeadersAreWhatIsSent_data();
    void implicitHeadersAreWhatIsSent();
    void socketPath();
    void createConnectionWithoutAgent();
    void localAddress();
    void hostNameWithBodyWrittenWhileResolving();
    void autoSelectFamily_data();
    void autoSelectFamily();
    void literalAddressIgnoresFamily();
    void attemptTimeoutMovesOn();
    void timeoutCountsSilence_data();
    void timeoutCountsSilence();
    void chunkedRequestBodyAndFlushHeaders();
    void expectContinueWaitsForTheServer();
    void drainPacesALargeBody();
    void upgradeHandsOverSocket();
    void connectHandsOverSocket();
    void invalidOptions();
    void requestOptionsAsNode();
    void socketOptionsWaitForTheSocket();
    void informationAsNode();
    void clientExtrasAsNode();
    void abortSignalAndLocalPortAsNode();
    void setTimeoutCountsFromTheConnection();
    void httpsChecksCertificates_data();
    void httpsChecksCertificates();
    void httpsReadingIsBounded();
};

void tst_ClientRequest::matchesNode_data()
{
    QTest::addColumn<QJsonObject>("scenario");
    QTest::addColumn<QJsonObject>("node");
    const QJsonArray cases =
        readJson(QStringLiteral("cases.json"))[QStringLiteral("cases")].toArray();
    const QJsonArray results =
        readJson(QStringLiteral("node20-events.json"))[QStringLiteral("results")].toArray();
    QCOMPARE(cases.size(), results.size());
    for (int i = 0; i < cases.size(); ++i)
        QTest::addRow("%s", qPrintable(cases[i][QStringLiteral("name")].toString()))
            << cases[i].toObject() << results[i].toObject();
}

void tst_ClientRequest::matchesNode()
{
    QFETCH(QJsonObject, scenario);
    QFETCH(QJsonObject, node);
    ScriptedServer server(scenario[QStringLiteral("reply")].toArray());
    const QJsonObject o = scenario[QStringLiteral("options")].toObject();

    http::ClientRequest::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = o[QStringLiteral("refused")].toBool() ? 1 : server.serverPort();
    options.path = "/p?q=1";
    options.method = o[QStringLiteral("method")].toString(QStringLiteral("GET")).toLatin1();
    options.noAgent = o.contains(QStringLiteral("agent")) && !o[QStringLiteral("agent")].toBool();
    if (o.contains(QStringLiteral("timeout")))
        options.timeout = o[QStringLiteral("timeout")].toInt();

    QStringList events;
    QJsonObject got;
    QByteArray body;
    bool closed = false;
    auto log = [&](const QString &e) {
        if (!(e == QLatin1String("response.data") && !events.isEmpty() && events.last() == e))
            events << e;
    };
    http::HttpError error;
    std::unique_ptr<http::ClientRequest> req(http::request(options, {}, nullptr, &error));
    QVERIFY2(req, qPrintable(error.message()));
    connect(req.get(), &http::ClientRequest::socketAssigned, this,
            [&] { log(QStringLiteral("socket")); });
    connect(req.get(), &http::OutgoingMessage::finished, this,
            [&] { log(QStringLiteral("finish")); });
    connect(req.get(), &http::ClientRequest::continueReceived, this,
            [&] { log(QStringLiteral("continue")); });
    connect(req.get(), &http::ClientRequest::informationReceived, this,
            [&](const http::ClientRequest::Information &i) {
                log(QStringLiteral("information:%1").arg(i.statusCode));
            });
    connect(req.get(), &http::ClientRequest::timedOut, this, [&] {
        log(QStringLiteral("timeout"));
        req->destroy();
    });
    connect(req.get(), &http::ClientRequest::aborted, this, [&] { log(QStringLiteral("abort")); });
    connect(req.get(), &http::OutgoingMessage::errorOccurred, this, [&](const http::HttpError &e) {
        log(QStringLiteral("error:") + QString::fromLatin1(e.code()));
    });
    connect(req.get(), &http::OutgoingMessage::closed, this, [&] {
        log(QStringLiteral("close"));
        closed = true;
    });
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) {
                log(QStringLiteral("response"));
                got[QStringLiteral("statusCode")] = res->statusCode();
                got[QStringLiteral("statusMessage")] = QString::fromLatin1(res->statusMessage());
                got[QStringLiteral("httpVersion")] = QString::fromLatin1(res->httpVersion());
                got[QStringLiteral("rawHeaders")] = rawList(res->rawHeaders());
                got[QStringLiteral("headers")] = res->headers().toJson();
                connect(res, &http::IncomingMessage::dataReceived, this, [&](const QByteArray &d) {
                    body += d;
                    log(QStringLiteral("response.data"));
                });
                connect(res, &http::IncomingMessage::ended, this,
                        [&] { log(QStringLiteral("response.end")); });
                connect(res, &http::IncomingMessage::aborted, this,
                        [&] { log(QStringLiteral("response.aborted")); });
                connect(res, &http::IncomingMessage::errorOccurred, this,
                        [&](const http::HttpError &e) {
                            log(QStringLiteral("response.error:") + QString::fromLatin1(e.code()));
                        });
                connect(res, &http::IncomingMessage::closed, this, [&, res] {
                    log(QStringLiteral("response.close"));
                    got[QStringLiteral("body")] = QString::fromLatin1(body);
                    got[QStringLiteral("complete")] = res->complete();
                    got[QStringLiteral("rawTrailers")] = rawList(res->rawTrailers());
                    got[QStringLiteral("trailers")] = res->trailers().toJson();
                });
            });
    req->end(o[QStringLiteral("body")].toString().toLatin1());

    QTRY_VERIFY_WITH_TIMEOUT(closed, 5000);
    QTest::qWait(60); // events that follow close (response.close) arrive now

    QStringList nodeEvents;
    for (const QJsonValue &e : node[QStringLiteral("events")].toArray())
        nodeEvents << e.toString();
    if (events != nodeEvents)
        qWarning().noquote() << "Node:     " << nodeEvents.join(u' ')
                             << "\nWirebench:" << events.join(u' ');
    QCOMPARE(events, nodeEvents);
    for (const QString &key :
         {QStringLiteral("statusCode"), QStringLiteral("statusMessage"),
          QStringLiteral("httpVersion"), QStringLiteral("rawHeaders"), QStringLiteral("headers"),
          QStringLiteral("body"), QStringLiteral("complete"), QStringLiteral("rawTrailers"),
          QStringLiteral("trailers")}) {
        if (node.contains(key))
            QCOMPARE(QJsonDocument(QJsonObject{{key, got[key]}}).toJson(QJsonDocument::Compact),
                     QJsonDocument(QJsonObject{{key, node[key]}}).toJson(QJsonDocument::Compact));
    }
}

namespace {

// A Server that answers with the raw request head it received, so tests can read the bytes.
struct HeadEcho {
    http::Server server;
    HeadEcho()
    {
        QObject::connect(
            &server, &http::Server::requestReceived, &server,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                auto body = std::make_shared<QByteArray>();
                QObject::connect(req, &http::IncomingMessage::dataReceived, res,
                                 [body](const QByteArray &d) { *body += d; });
                QObject::connect(req, &http::IncomingMessage::ended, res, [req, res, body] {
                    QByteArray head = req->method() + ' ' + req->url() + '\n';
                    for (qsizetype i = 0; i + 1 < req->rawHeaders().size(); i += 2)
                        head += req->rawHeaders()[i] + ": " + req->rawHeaders()[i + 1] + '\n';
                    res->end(head + "\n" + *body);
                });
            });
    }
};

// Runs a request to completion; returns the response body (or "error:CODE").
QByteArray runRequest(http::ClientRequest *req, const QByteArray &body = {})
{
    QByteArray got;
    bool done = false;
    QObject::connect(
        req, &http::ClientRequest::responseReceived, req, [&](http::IncomingMessage *res) {
            QObject::connect(res, &http::IncomingMessage::dataReceived, req,
                             [&](const QByteArray &d) { got += d; });
            QObject::connect(res, &http::IncomingMessage::ended, req, [&] { done = true; });
        });
    QObject::connect(req, &http::OutgoingMessage::errorOccurred, req,
                     [&](const http::HttpError &e) {
                         got = "error:" + e.code();
                         done = true;
                     });
    req->end(body);
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        return "timed out";
    return got;
}

} // namespace

void tst_ClientRequest::requestHeadBytes_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("auth");
    QTest::addColumn<bool>("setHost");
    QTest::addColumn<QByteArray>("expectedHost");
    QTest::newRow("host with port")
        << QStringLiteral("127.0.0.1") << QString() << true << QByteArray("Host: 127.0.0.1:PORT");
    QTest::newRow("auth") << QStringLiteral("127.0.0.1") << QStringLiteral("user:pass") << true
                          << QByteArray("Authorization: Basic dXNlcjpwYXNz");
    QTest::newRow("no Host: HTTP/1.1 server says 400")
        << QStringLiteral("127.0.0.1") << QString() << false << QByteArray("400");
}

void tst_ClientRequest::requestHeadBytes()
{
    QFETCH(QString, host);
    QFETCH(QString, auth);
    QFETCH(bool, setHost);
    QFETCH(QByteArray, expectedHost);
    HeadEcho echo;
    QVERIFY(!echo.server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = host;
    o.port = echo.server.port();
    o.auth = auth;
    o.setHost = setHost;
    o.path = "/h?x=1";
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    int status = 0;
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) { status = res->statusCode(); });
    const QByteArray got = runRequest(req.get());
    if (expectedHost == "400") {
        QCOMPARE(status, 400);
        QVERIFY(!req->rawHeader().contains("Host:"));
        return;
    }
    expectedHost.replace("PORT", QByteArray::number(echo.server.port()));
    QVERIFY2(got.contains(expectedHost), got.constData());
    // Node's request head: Host first, then the agent's Connection header.
    QVERIFY(req->rawHeader().startsWith("GET /h?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" +
                                        QByteArray::number(echo.server.port()) + "\r\n"));
    QVERIFY(req->rawHeader().endsWith("Connection: keep-alive\r\n\r\n"));
}

void tst_ClientRequest::implicitHeadersAreWhatIsSent_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<OutgoingHeaders>("headers");
    QTest::addColumn<QByteArray>("body"); // "<pieces>": written in two writes, then end()
    QTest::addColumn<bool>("noAgent");
    QTest::addColumn<QString>("auth");
    QTest::newRow("GET") << QByteArray("GET") << OutgoingHeaders() << QByteArray() << false
                         << QString();
    QTest::newRow("POST with a body")
        << QByteArray("POST") << OutgoingHeaders{{"Content-Type", "text/plain"}}
        << QByteArray("hello") << false << QString();
    QTest::newRow("empty POST, agent: false")
        << QByteArray("POST") << OutgoingHeaders() << QByteArray() << true << QString();
    QTest::newRow("GET with a body (no length, as Node)")
        << QByteArray("GET") << OutgoingHeaders() << QByteArray("x") << false << QString();
    QTest::newRow("own Host and Connection, auth")
        << QByteArray("PUT") << OutgoingHeaders{{"Host", "h.test"}, {"Connection", "close"}}
        << QByteArray("12") << false << QStringLiteral("u:p");
    QTest::newRow("a body in pieces")
        << QByteArray("POST") << OutgoingHeaders() << QByteArray("<pieces>") << false << QString();
}

void tst_ClientRequest::implicitHeadersAreWhatIsSent()
{
    // The preview (the composer's greyed rows) and a real request make the same head.
    QFETCH(QByteArray, method);
    QFETCH(OutgoingHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, noAgent);
    QFETCH(QString, auth);
    HeadEcho echo;
    QVERIFY(!echo.server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("localhost");
    o.port = echo.server.port();
    o.method = method;
    o.headers = headers;
    o.noAgent = noAgent;
    o.auth = auth;
    const bool pieces = body == "<pieces>";
    const OutgoingHeaders preview =
        http::ClientRequest::implicitHeaders(o, pieces ? -1 : qint64(body.size()));
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    if (pieces) {
        req->write("ab");
        req->write("cd");
        body.clear();
    }
    runRequest(req.get(), body);
    OutgoingHeaders sent;
    const QList<QByteArray> lines = req->rawHeader().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (const qsizetype colon = line.indexOf(':'); colon > 0) {
            const QPair<QByteArray, QByteArray> field{line.left(colon), line.mid(colon + 2)};
            if (!headers.contains(field))
                sent.append(field);
        }
    }
    QCOMPARE(preview, sent);
    QVERIFY(!preview.isEmpty());
}

void tst_ClientRequest::socketPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.sock"));
    HeadEcho echo;
    QVERIFY(!echo.server.listen(path));
    http::ClientRequest::Options o;
    o.socketPath = path;
    o.path = "/over-unix";
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QVERIFY(runRequest(req.get()).startsWith("GET /over-unix\nHost: localhost\n"));
}

void tst_ClientRequest::createConnectionWithoutAgent()
{
    HeadEcho echo;
    QVERIFY(!echo.server.listen(0, QStringLiteral("127.0.0.1")));
    int made = 0;
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = echo.server.port();
    o.createConnection = [&](const http::Agent::ConnectOptions &c) {
        ++made;
        auto *socket = new http::StreamSocket;
        socket->connectTo(c);
        return socket;
    };
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QVERIFY(!req->agent());
    QVERIFY(runRequest(req.get()).contains("Connection: close"));
    QCOMPARE(made, 1);
}

void tst_ClientRequest::localAddress()
{
    http::Server server;
    QString peer;
    connect(&server, &http::Server::requestReceived, this,
            [&](http::IncomingMessage *req, http::ServerResponse *res) {
                peer = qobject_cast<http::StreamSocket *>(req->socket())->peerAddress();
                res->end("ok");
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.localAddress = QStringLiteral("127.0.0.1");
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QCOMPARE(runRequest(req.get()), QByteArray("ok"));
    QCOMPARE(peer, QStringLiteral("127.0.0.1"));
}

void tst_ClientRequest::hostNameWithBodyWrittenWhileResolving()
{
    // "localhost" goes through the resolver: the head and body written meanwhile must go out
    // once connected (before the fix, nothing was sent and the server answered 408).
    HeadEcho echo;
    QVERIFY(!echo.server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("localhost");
    o.port = echo.server.port();
    o.method = "POST";
    o.path = "/by-name";
    o.headers = {{"Content-Length", "5"}};
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    const QByteArray got = runRequest(req.get(), "hello");
    QCOMPARE(got, "POST /by-name\nContent-Length: 5\nHost: localhost:" +
                      QByteArray::number(echo.server.port()) + "\nConnection: keep-alive\n\nhello");
}

namespace {

// A server on one loopback address only, answering with the address it was reached on.
struct OneFamilyServer {
    http::Server server;
    explicit OneFamilyServer(const QString &address, quint16 port = 0)
    {
        QObject::connect(&server, &http::Server::requestReceived, &server,
                         [address](http::IncomingMessage *, http::ServerResponse *res) {
                             res->end(address.toLatin1());
                         });
        error = server.listen(port, address);
    }
    http::HttpError error;
};

http::StreamSocket::Lookup fixedLookup(const QStringList &addresses, QStringList *asked = nullptr)
{
    return [addresses, asked](const QString &host, int family) {
        if (asked)
            asked->append(QStringLiteral("%1/%2").arg(host).arg(family));
        QList<QHostAddress> out;
        for (const QString &a : addresses)
            out.append(QHostAddress(a));
        return out;
    };
}

} // namespace

void tst_ClientRequest::autoSelectFamily_data()
{
    // What Node 20 does with the same lookup results (checked with node's `lookup` option):
    // every address is tried, families interleaved, until one accepts; without
    // autoSelectFamily only the first address is tried.
    QTest::addColumn<QString>("listenOn");
    QTest::addColumn<QStringList>("resolved");
    QTest::addColumn<bool>("autoSelect");
    QTest::addColumn<QByteArray>("expected");
    const QString v4 = QStringLiteral("127.0.0.1"), v6 = QStringLiteral("::1");
    QTest::newRow("IPv6 first, server on IPv4 only")
        << v4 << QStringList{v6, v4} << true << QByteArray("127.0.0.1");
    QTest::newRow("IPv4 first, server on IPv6 only")
        << v6 << QStringList{v4, v6} << true << QByteArray("::1");
    QTest::newRow("both families, duplicates tried once")
        << v6 << QStringList{v4, v4, v6} << true << QByteArray("::1");
    QTest::newRow("autoSelectFamily off: only the first address")
        << v4 << QStringList{v6, v4} << false << QByteArray("error:ECONNREFUSED");
    QTest::newRow("nothing listening: Node's aggregate, first code")
        << QString() << QStringList{v6, v4} << true << QByteArray("error:ECONNREFUSED");
    QTest::newRow("family 4: only the first address, as Node")
        << v4 << QStringList{QStringLiteral("127.0.0.2"), v4} << true
        << QByteArray("error:ECONNREFUSED");
    QTest::newRow("no address: ENOTFOUND")
        << v4 << QStringList{} << true << QByteArray("error:ENOTFOUND");
}

void tst_ClientRequest::autoSelectFamily()
{
    QFETCH(QString, listenOn);
    QFETCH(QStringList, resolved);
    QFETCH(bool, autoSelect);
    QFETCH(QByteArray, expected);
    // A port free on both families: taken on IPv4 first, then kept only where asked.
    std::unique_ptr<OneFamilyServer> probe(new OneFamilyServer(QStringLiteral("127.0.0.1")));
    QVERIFY(!probe->error);
    const quint16 port = probe->server.port();
    probe.reset();
    std::unique_ptr<OneFamilyServer> server;
    if (!listenOn.isEmpty()) {
        server = std::make_unique<OneFamilyServer>(listenOn, port);
        QVERIFY2(!server->error, qPrintable(server->error.toString()));
    }
    QStringList asked;
    http::ClientRequest::Options o;
    o.host = QStringLiteral("dual.test");
    o.port = port;
    o.lookup = fixedLookup(resolved, &asked);
    o.autoSelectFamily = autoSelect;
    if (QTest::currentDataTag() == QLatin1String("family 4: only the first address, as Node"))
        o.family = 4;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QString message;
    connect(req.get(), &http::OutgoingMessage::errorOccurred, this,
            [&](const http::HttpError &e) { message = e.message(); });
    QCOMPARE(runRequest(req.get()), expected);
    QCOMPARE(asked, QStringList{QStringLiteral("dual.test/%1").arg(o.family)});
    if (QTest::currentDataTag() == QLatin1String("nothing listening: Node's aggregate, first code"))
        QCOMPARE(message, QStringLiteral("connect ECONNREFUSED ::1:%1, connect ECONNREFUSED "
                                         "127.0.0.1:%1")
                              .arg(port));
    if (expected == "error:ENOTFOUND")
        QCOMPARE(message, QStringLiteral("getaddrinfo ENOTFOUND dual.test"));
    if (resolved.isEmpty())
        return; // Node's lookup has no "no address" answer of its own: dns gives ENOTFOUND

    // Node 20 with the same lookup results against the same server (node-lookup.js).
    QProcess node;
    node.start(QStringLiteral("node"),
               QStringList{QStringLiteral(WIREBENCH_TESTS_DIR "/client/node-lookup.js"),
                           QString::number(port),
                           autoSelect ? QStringLiteral("1") : QStringLiteral("0"),
                           QString::number(o.family)} +
                   resolved);
    if (!node.waitForStarted(5000))
        QSKIP("node is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 10000);
    const QStringList theirs =
        QString::fromLatin1(node.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QStringList ours = asked;
    ours << QString::fromLatin1(expected);
    if (expected.startsWith("error:"))
        ours << message;
    QCOMPARE(ours, theirs);
}

void tst_ClientRequest::literalAddressIgnoresFamily()
{
    // Node connects to an IP address whatever `family` says.
    OneFamilyServer server(QStringLiteral("127.0.0.1"));
    QVERIFY(!server.error);
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.server.port();
    o.family = 6;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QCOMPARE(runRequest(req.get()), QByteArray("127.0.0.1"));
}

void tst_ClientRequest::attemptTimeoutMovesOn()
{
    // The first address never answers (a listener whose backlog is full drops the SYN): after
    // autoSelectFamilyAttemptTimeout the next address is tried, as Node 20 does.
    // The IPv4 port is picked first (by the kernel, so it is free even with other tests
    // running), then the server takes the same port on ::1.
    const int blackhole = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in in = {};
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY(::bind(blackhole, reinterpret_cast<sockaddr *>(&in), sizeof in) == 0);
    socklen_t length = sizeof in;
    QVERIFY(::getsockname(blackhole, reinterpret_cast<sockaddr *>(&in), &length) == 0);
    const quint16 port = ntohs(in.sin_port);
    QVERIFY(::listen(blackhole, 0) == 0);
    OneFamilyServer server(QStringLiteral("::1"), port);
    QVERIFY2(!server.error, qPrintable(server.error.toString()));
    QTcpSocket filler; // fills the one-entry backlog
    filler.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(filler.waitForConnected(2000));

    http::ClientRequest::Options o;
    o.host = QStringLiteral("dual.test");
    o.port = port;
    o.lookup = fixedLookup({QStringLiteral("127.0.0.1"), QStringLiteral("::1")});
    o.autoSelectFamilyAttemptTimeout = 100;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(runRequest(req.get()), QByteArray("::1"));
    QVERIFY(clock.elapsed() >= 100); // the first attempt was given its time, then dropped
    ::close(blackhole);
}

namespace {

/// A server in its own thread (so it goes on while the test's thread is busy): accepts one
/// connection, reads the request head, then plays `steps`, each a pause then bytes to send.
struct ThreadServer {
    struct Step {
        int pauseMs;
        QByteArray bytes;
    };
    int listener = -1;
    quint16 port = 0;
    std::thread thread;

    explicit ThreadServer(QList<Step> steps)
    {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in in = {};
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof in;
        if (::bind(listener, reinterpret_cast<sockaddr *>(&in), sizeof in) != 0 ||
            ::getsockname(listener, reinterpret_cast<sockaddr *>(&in), &length) != 0 ||
            ::listen(listener, 4) != 0)
            return;
        port = ntohs(in.sin_port);
        thread = std::thread([this, steps] {
            const int fd = ::accept(listener, nullptr, nullptr);
            QByteArray head;
            char buffer[4096];
            while (!head.contains("\r\n\r\n")) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                head.append(buffer, n);
            }
            for (const Step &step : steps) {
                std::this_thread::sleep_for(std::chrono::milliseconds(step.pauseMs));
                if (::send(fd, step.bytes.constData(), size_t(step.bytes.size()), MSG_NOSIGNAL) < 0)
                    break;
            }
            while (::recv(fd, buffer, sizeof buffer, 0) > 0) { // until the client closes
            }
            ::close(fd);
        });
    }
    ~ThreadServer()
    {
        ::shutdown(listener, SHUT_RDWR);
        if (thread.joinable())
            thread.join();
        ::close(listener);
    }
};

} // namespace

void tst_ClientRequest::timeoutCountsSilence_data()
{
    QTest::addColumn<QList<ThreadServer::Step>>("steps");
    QTest::addColumn<int>("busyMs");
    QTest::addColumn<bool>("timesOut");
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n";
    QList<ThreadServer::Step> dribble{{0, head}};
    for (int i = 0; i < 6; ++i)
        dribble.append({150, "x"});
    // Bytes keep coming, each within the 400 ms timeout, for 900 ms in all.
    QTest::newRow("dribbled body") << dribble << 0 << false;
    // The body arrives 50 ms after the head while this thread is busy for 700 ms: the silence
    // was ours, not the server's.
    QTest::newRow("busy client") << QList<ThreadServer::Step>{{0, head}, {50, "xxxxxx"}} << 700
                                 << false;
    // The server stops after the head: a real timeout.
    QTest::newRow("silent server")
        << QList<ThreadServer::Step>{{0, head}, {2000, "xxxxxx"}} << 0 << true;
}

void tst_ClientRequest::timeoutCountsSilence()
{
    QFETCH(QList<ThreadServer::Step>, steps);
    QFETCH(int, busyMs);
    QFETCH(bool, timesOut);
    ThreadServer server(steps);
    QVERIFY(server.port > 0);
    http::ClientRequest::Options o;
    o.host = QStringLiteral("localhost");
    o.port = server.port;
    o.timeout = 400;
    o.noAgent = true;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    bool timedOut = false, ended = false;
    QByteArray body;
    connect(req.get(), &http::ClientRequest::timedOut, this, [&] {
        timedOut = true;
        req->destroy();
    });
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) {
                connect(res, &http::IncomingMessage::dataReceived, this,
                        [&](const QByteArray &chunk) { body += chunk; });
                connect(res, &http::IncomingMessage::ended, this, [&] { ended = true; });
                if (busyMs > 0)
                    QThread::msleep(ulong(busyMs)); // a slow consumer, not a slow server
            });
    req->end();
    QTRY_VERIFY_WITH_TIMEOUT(timedOut || ended, 5000);
    QCOMPARE(timedOut, timesOut);
    if (!timesOut)
        QCOMPARE(body, QByteArray("xxxxxx"));
    req.reset();
}

void tst_ClientRequest::chunkedRequestBodyAndFlushHeaders()
{
    HeadEcho echo;
    QVERIFY(!echo.server.listen(0, QStringLiteral("127.0.0.1")));
    QSignalSpy requests(&echo.server, &http::Server::requestReceived);
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = echo.server.port();
    o.method = "post";
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QCOMPARE(req->method(), QByteArray("POST"));
    QVERIFY(!req->flushHeaders());
    QVERIFY(requests.wait(2000)); // the head went out before any body
    req->write("part one, ");
    const QByteArray got = runRequest(req.get(), "part two");
    QVERIFY2(got.contains("Transfer-Encoding: chunked\n"), got.constData());
    QVERIFY(got.endsWith("\n\npart one, part two"));
}

void tst_ClientRequest::drainPacesALargeBody()
{
    // Node's way to upload: write() until it says false, go on at 'drain'. 16 MiB in 64 KiB
    // pieces must all arrive (drain used to be emitted only by server responses).
    http::Server server;
    qint64 received = 0;
    connect(&server, &http::Server::requestReceived, this,
            [&](http::IncomingMessage *req, http::ServerResponse *res) {
                connect(req, &http::IncomingMessage::dataReceived, res,
                        [&](const QByteArray &d) { received += d.size(); });
                connect(req, &http::IncomingMessage::ended, res, [res] { res->end("done"); });
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.method = "PUT";
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    const QByteArray piece(64 * 1024, 'u');
    int left = 256, drains = 0;
    auto pump = [&] {
        while (left > 0) {
            --left;
            if (!req->write(piece))
                return;
        }
        req->end();
    };
    connect(req.get(), &http::OutgoingMessage::drained, this, [&] {
        ++drains;
        pump();
    });
    bool answered = false;
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) {
                connect(res, &http::IncomingMessage::ended, this, [&] { answered = true; });
                res->resume();
            });
    pump();
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QCOMPARE(received, qint64(256) * piece.size());
    QVERIFY(drains > 0);
}

void tst_ClientRequest::expectContinueWaitsForTheServer()
{
    http::Server server;
    connect(&server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                auto body = std::make_shared<QByteArray>();
                connect(req, &http::IncomingMessage::dataReceived, res,
                        [body](const QByteArray &d) { *body += d; });
                connect(req, &http::IncomingMessage::ended, res,
                        [res, body] { res->end("got " + *body); });
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.method = "PUT";
    o.headers = {{"Expect", "100-continue"}, {"Content-Length", "4"}};
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QVERIFY(req->headersSent()); // an Expect head goes out at once
    QByteArray got;
    bool continued = false;
    connect(req.get(), &http::ClientRequest::continueReceived, this, [&] {
        continued = true;
        req->end("data");
    });
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) {
                connect(res, &http::IncomingMessage::dataReceived, this,
                        [&](const QByteArray &d) { got += d; });
            });
    QTRY_COMPARE(got, QByteArray("got data"));
    QVERIFY(continued);
}

void tst_ClientRequest::upgradeHandsOverSocket()
{
    http::Server server;
    connect(&server, &http::Server::upgradeRequested, this,
            [](http::IncomingMessage *, QIODevice *socket, const QByteArray &head) {
                socket->write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: "
                              "echo\r\n\r\nhello " +
                              head);
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.headers = {{"Connection", "Upgrade"}, {"Upgrade", "echo"}};
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QByteArray head;
    int status = 0;
    QPointer<QIODevice> socket;
    connect(req.get(), &http::ClientRequest::upgradeResponded, this,
            [&](http::IncomingMessage *res, QIODevice *s, const QByteArray &h) {
                status = res->statusCode();
                head = h;
                socket = s;
            });
    req->end("client");
    QTRY_VERIFY(socket);
    QCOMPARE(status, 101);
    QByteArray more = head;
    connect(socket, &QIODevice::readyRead, this,
            [&] { more += qobject_cast<http::StreamSocket *>(socket)->takeInput(); });
    QTRY_COMPARE(more, QByteArray("hello client"));
}

void tst_ClientRequest::connectHandsOverSocket()
{
    http::Server server;
    connect(&server, &http::Server::connectRequested, this,
            [](http::IncomingMessage *req, QIODevice *socket, const QByteArray &) {
                socket->write("HTTP/1.1 200 Connection Established\r\n\r\ntunnel to " + req->url());
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.method = "CONNECT";
    o.path = "example.test:443";
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QByteArray head;
    bool connected = false;
    connect(req.get(), &http::ClientRequest::connectResponded, this,
            [&](http::IncomingMessage *res, QIODevice *, const QByteArray &h) {
                connected = res->statusCode() == 200;
                head = h;
            });
    req->end();
    QTRY_VERIFY(connected);
    QTRY_COMPARE(head, QByteArray("tunnel to example.test:443"));
}

void tst_ClientRequest::invalidOptions()
{
    http::HttpError error;
    http::ClientRequest::Options o;
    o.method = "GE T";
    QVERIFY(!http::request(o, {}, nullptr, &error));
    QCOMPARE(error.code(), QByteArray("ERR_INVALID_HTTP_TOKEN"));
    o.method = "GET";
    o.path = "/a b";
    QVERIFY(!http::request(o, {}, nullptr, &error));
    QCOMPARE(error.code(), QByteArray("ERR_UNESCAPED_CHARACTERS"));
    o.path = "/";
    o.protocol = QStringLiteral("ftp:");
    QVERIFY(!http::request(o, {}, nullptr, &error));
    QCOMPARE(error.message(),
             QStringLiteral("Protocol \"ftp:\" not supported. Expected \"http:\""));
}

void tst_ClientRequest::abortSignalAndLocalPortAsNode()
{
    // options.signal aborted before the request, right after it, on 'socket', on 'response' and
    // never; options.localPort held by a listener (Node's bind error) and free (the server sees
    // it). Node 20 runs the same cases (node-abort-signal.js) against this server.
    http::Server server;
    connect(&server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                if (req->url() == "/port") {
                    auto *socket = qobject_cast<http::StreamSocket *>(req->socket());
                    res->end(QByteArray::number(socket ? socket->peerPort() : 0));
                    return;
                }
                res->write("x");
                QTimer::singleShot(300, res, [res] { res->end("y"); });
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost));
    const quint16 busy = holder.serverPort();

    QProcess node;
    node.start(QStringLiteral("node"),
               {QStringLiteral(WIREBENCH_TESTS_DIR "/client/node-abort-signal.js"),
                QString::number(server.port()), QString::number(busy)});
    if (!node.waitForStarted(5000))
        QSKIP("node is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 20000);
    QStringList theirs = QString::fromUtf8(node.readAllStandardOutput()).split(u'\n');
    theirs.removeAll(QString());

    QStringList ours;
    for (const QString &when :
         {QStringLiteral("before"), QStringLiteral("sync"), QStringLiteral("socket"),
          QStringLiteral("response"), QStringLiteral("never")}) {
        QStringList log;
        http::AbortSignal signal;
        if (when == QLatin1String("before"))
            signal.abort();
        http::ClientRequest::Options options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = server.port();
        options.noAgent = true;
        options.signal = &signal;
        http::ClientRequest *req = http::get(options, [&](http::IncomingMessage *res) {
            log << "response";
            connect(res, &http::IncomingMessage::dataReceived, res, [] {});
            connect(res, &http::IncomingMessage::aborted, res, [&] { log << "res aborted"; });
            connect(res, &http::IncomingMessage::closed, res, [&] { log << "res close"; });
            if (when == QLatin1String("response"))
                signal.abort();
        });
        connect(req, &http::ClientRequest::errorOccurred, req, [&](const http::HttpError &e) {
            log << QStringLiteral("error %1 %2").arg(QLatin1String(e.code()), e.message());
        });
        connect(req, &http::ClientRequest::closed, req, [&] { log << "close"; });
        connect(req, &http::ClientRequest::socketAssigned, req, [&] {
            log << "socket";
            if (when == QLatin1String("socket"))
                signal.abort();
        });
        log << QStringLiteral("returned destroyed=%1").arg(req->isDestroyed() ? "true" : "false");
        if (when == QLatin1String("sync"))
            signal.abort();
        QTest::qWait(500);
        ours << when + QStringLiteral(": ") + log.join(QStringLiteral(", "));
        delete req;
    }
    for (const quint16 localPort : {busy, quint16(busy + 1)}) {
        http::ClientRequest::Options options;
        options.host = QStringLiteral("localhost");
        options.port = server.port();
        options.path = "/port";
        options.localPort = localPort;
        options.noAgent = true;
        QString line;
        std::unique_ptr<http::ClientRequest> req(
            http::get(options, [&](http::IncomingMessage *res) {
                auto body = std::make_shared<QByteArray>();
                connect(res, &http::IncomingMessage::dataReceived, res,
                        [body](const QByteArray &chunk) { *body += chunk; });
                connect(res, &http::IncomingMessage::ended, res, [&line, body, localPort] {
                    line = *body == QByteArray::number(localPort) ? "true" : "false";
                });
            }));
        connect(req.get(), &http::ClientRequest::errorOccurred, this,
                [&](const http::HttpError &e) {
                    line = QStringLiteral("%1 %2").arg(QLatin1String(e.code()), e.message());
                });
        QTRY_VERIFY_WITH_TIMEOUT(!line.isEmpty(), 5000);
        ours << QStringLiteral("localPort: ") + line;
    }
    QCOMPARE(ours, theirs);
}

void tst_ClientRequest::requestOptionsAsNode()
{
    // http.request(url, options): what options set wins over the URL's parts; invalid headers
    // are refused. The same cases through Node 20 (tests/client/node-request-options.js) and
    // through httpcore, against one server.
    http::Server server;
    connect(&server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                const QByteArray auth = req->headers().value("authorization");
                res->end(req->url() + ' ' + req->headers().value("host") + ' ' +
                         (auth.isEmpty() ? QByteArray("-") : auth));
                req->resume();
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    const int port = server.port();
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const auto with = [](auto set) {
        http::ClientRequest::Options o;
        set(o);
        return o;
    };
    const QList<std::pair<QString, http::ClientRequest::Options>> cases{
        {QStringLiteral("http://u:p@127.0.0.1:%1/from-url?q=1").arg(port),
         with([](auto &o) { o.path = "/from-options"; })},
        {QStringLiteral("http://127.0.0.1:1/from-url"), with([port](auto &o) { o.port = port; })},
        {base + QStringLiteral("/from-url"), with([](auto &o) { o.auth = QStringLiteral("a:b"); })},
        {base + QStringLiteral("/from-url"), with([](auto &o) { o.path = "/"; })},
        {base + QStringLiteral("/from-url"),
         with([](auto &o) { o.hostname = QStringLiteral("localhost"); })},
        {base + u'/', with([](auto &o) {
             o.headers = {{"x y", "1"}};
         })},
        {base + u'/', with([](auto &o) {
             o.headers = {{"x-a", "a\nb"}};
         })},
    };
    QStringList ours;
    for (const auto &[url, options] : cases) {
        http::HttpError error;
        QByteArray body;
        bool done = false;
        std::unique_ptr<http::ClientRequest> req(http::request(
            QUrl(url), options,
            [&](http::IncomingMessage *res) {
                connect(res, &http::IncomingMessage::dataReceived, this,
                        [&](const QByteArray &chunk) { body += chunk; });
                connect(res, &http::IncomingMessage::ended, this, [&] { done = true; });
            },
            nullptr, &error));
        if (!req) {
            ours
                << QStringLiteral("throws %1 %2").arg(QLatin1String(error.code()), error.message());
            continue;
        }
        connect(req.get(), &http::OutgoingMessage::errorOccurred, this,
                [&](const http::HttpError &e) {
                    body = "error " + e.code();
                    done = true;
                });
        req->end();
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        ours << QString::fromLatin1(body);
    }

    QProcess node;
    node.start(QStringLiteral("node"),
               {QStringLiteral(WIREBENCH_TESTS_DIR "/client/node-request-options.js"),
                QString::number(port)});
    if (!node.waitForStarted(5000))
        QSKIP("node is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 20000);
    const QStringList theirs =
        QString::fromUtf8(node.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(ours, theirs);
}

void tst_ClientRequest::clientExtrasAsNode()
{
    // The request options uniqueHeaders (list values on one line, joined with "; ") and
    // insecureHTTPParser (hostile answers read leniently, or refused), through Node 20
    // (tests/client/node-client-extras.js) and httpcore against the same servers.
    http::Server echo;
    connect(&echo, &http::Server::requestReceived, this,
            [](http::IncomingMessage *req, http::ServerResponse *res) {
                res->end(req->rawHeaders().join('|'));
                req->resume();
            });
    QVERIFY(!echo.listen(0, QStringLiteral("127.0.0.1")));
    const QStringList answers{
        QStringLiteral("HTTP/1.1 200 OK\r\nX-A: a\x01b\r\nContent-Length: 2\r\n\r\nok"),
        QStringLiteral("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "2\r\nok\r\n0\r\n\r\n"),
        QStringLiteral("HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok"),
        QStringLiteral("HTTP/1.1 200 OK\r\nX-F: a\r\n b\r\nContent-Length: 2\r\n\r\nok"),
        QStringLiteral("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n"
                       "2\r\nok\r\n0\r\n\r\n"),
        // Not here: a space after a chunk size, which Node's lenient llhttp 9 reads and
        // Debian's llhttp 8.1 has no flag for (httpcore/README.md, llhttp).
    };
    std::vector<std::unique_ptr<ScriptedServer>> servers;
    for (const QString &answer : answers)
        servers.push_back(std::make_unique<ScriptedServer>(
            QJsonArray{QJsonObject{{QStringLiteral("write"), answer}}}));

    const auto fetch = [this](http::ClientRequest::Options o) {
        o.host = QStringLiteral("127.0.0.1");
        o.noAgent = true;
        QString line;
        std::unique_ptr<http::ClientRequest> req(http::request(o));
        connect(req.get(), &http::OutgoingMessage::errorOccurred, this,
                [&](const http::HttpError &e) { line = "error " + e.code(); });
        connect(req.get(), &http::ClientRequest::responseReceived, this,
                [&](http::IncomingMessage *res) {
                    auto body = std::make_shared<QByteArray>();
                    connect(res, &http::IncomingMessage::dataReceived, this,
                            [body](const QByteArray &chunk) { *body += chunk; });
                    connect(res, &http::IncomingMessage::errorOccurred, this,
                            [&](const http::HttpError &e) { line = "response error " + e.code(); });
                    connect(res, &http::IncomingMessage::ended, this, [&line, res, body] {
                        line = QStringLiteral("%1 %2 %3")
                                   .arg(res->statusCode())
                                   .arg(QString::fromLatin1(res->rawHeaders().join('|')),
                                        QString::fromLatin1(*body));
                    });
                });
        req->end();
        if (!QTest::qWaitFor([&] { return !line.isEmpty(); }, 5000))
            line = QStringLiteral("(no answer)");
        return line;
    };
    QStringList ours;
    http::ClientRequest::Options unique;
    unique.port = echo.port();
    unique.uniqueHeaders = {"x-u", "Cookie"};
    unique.headers = {{"x-u", "a"}, {"x-u", "b"},      {"x-m", "1"},
                      {"x-m", "2"}, {"cookie", "c=1"}, {"cookie", "d=2"}};
    ours << fetch(unique);
    QStringList ports{QString::number(echo.port())};
    for (const auto &server : servers) {
        ports << QString::number(server->serverPort());
        for (const bool lenient : {false, true}) {
            http::ClientRequest::Options o;
            o.port = server->serverPort();
            o.insecureHTTPParser = lenient;
            ours << fetch(o);
        }
    }

    QProcess node;
    node.start(QStringLiteral("node"),
               QStringList{QStringLiteral(WIREBENCH_TESTS_DIR "/client/node-client-extras.js")} +
                   ports);
    if (!node.waitForStarted(5000))
        QSKIP("node is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 20000);
    QStringList theirs =
        QString::fromLatin1(node.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    const QRegularExpression date(QStringLiteral("Date\\|[^|]*\\|")); // the echo's clock
    ours.replaceInStrings(date, QString());
    theirs.replaceInStrings(date, QString());
    QCOMPARE(ours, theirs);
}

void tst_ClientRequest::informationAsNode()
{
    // Two interim responses (a 102 and a 103 with repeated Link lines) before the answer: the
    // payloads are Node's, field for field.
    ScriptedServer server(
        QJsonArray{QJsonObject{{QStringLiteral("write"),
                                QStringLiteral("HTTP/1.1 102 Processing\r\n\r\n"
                                               "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n"
                                               "Link: </b>\r\nX-Case: A\r\n\r\n"
                                               "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}}});
    QList<QJsonObject> ours;
    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.serverPort();
    std::unique_ptr<http::ClientRequest> req(http::get(o));
    connect(req.get(), &http::ClientRequest::informationReceived, this,
            [&](const http::ClientRequest::Information &info) {
                QJsonArray raw;
                for (const QByteArray &line : info.rawHeaders)
                    raw.append(QString::fromLatin1(line));
                ours.append(
                    {{QStringLiteral("statusCode"), info.statusCode},
                     {QStringLiteral("statusMessage"), QString::fromLatin1(info.statusMessage)},
                     {QStringLiteral("httpVersion"), QString::fromLatin1(info.httpVersion)},
                     {QStringLiteral("httpVersionMajor"), info.httpVersionMajor},
                     {QStringLiteral("httpVersionMinor"), info.httpVersionMinor},
                     {QStringLiteral("headers"), info.headers.toJson()},
                     {QStringLiteral("rawHeaders"), raw}});
            });
    bool done = false;
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *res) {
                connect(res, &http::IncomingMessage::ended, this, [&] { done = true; });
                res->resume();
            });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);

    QProcess node;
    node.start(QStringLiteral("node"),
               {QStringLiteral(WIREBENCH_TESTS_DIR "/client/node-information.js"),
                QString::number(server.serverPort())});
    if (!node.waitForStarted(5000))
        QSKIP("node is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 20000);
    QList<QJsonObject> theirs;
    for (const QByteArray &line : node.readAllStandardOutput().split('\n'))
        if (!line.isEmpty())
            theirs.append(QJsonDocument::fromJson(line).object());
    QCOMPARE(theirs.size(), 2);
    QCOMPARE(ours, theirs);
}

void tst_ClientRequest::socketOptionsWaitForTheSocket()
{
    // Node defers setSocketKeepAlive/setNoDelay until the socket exists; the kernel then has them.
    http::Server server;
    connect(&server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *, http::ServerResponse *res) { res->end("ok"); });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    http::ClientRequest::Options o;
    o.host = QStringLiteral("localhost");
    o.port = server.port();
    o.noAgent = true;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QVERIFY(!req->socket());
    req->setSocketKeepAlive(true, 3000);
    req->setNoDelay(false);
    int keepAlive = -1, idle = -1, noDelay = -1;
    connect(req.get(), &http::ClientRequest::responseReceived, this, [&] {
        const int fd = int(qobject_cast<http::StreamSocket *>(req->socket())->socketDescriptor());
        socklen_t size = sizeof(int);
        ::getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &keepAlive, &size);
        ::getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, &size);
        ::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &size);
    });
    req->end();
    QTRY_VERIFY_WITH_TIMEOUT(keepAlive >= 0, 5000);
    QCOMPARE(keepAlive, 1);
    QCOMPARE(idle, 3); // seconds, as net.Socket.setKeepAlive(true, 3000)
    QCOMPARE(noDelay, 0);
}

void tst_ClientRequest::setTimeoutCountsFromTheConnection()
{
    // A listener whose one-entry backlog is full never completes a connection. Node: the
    // `timeout` option counts from the socket's creation, so it fires while connecting;
    // req.setTimeout() starts its timer once connected, so it does not.
    const int blackhole = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in in = {};
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof in;
    QVERIFY(::bind(blackhole, reinterpret_cast<sockaddr *>(&in), sizeof in) == 0);
    QVERIFY(::getsockname(blackhole, reinterpret_cast<sockaddr *>(&in), &length) == 0);
    QVERIFY(::listen(blackhole, 0) == 0);
    QTcpSocket filler;
    filler.connectToHost(QHostAddress::LocalHost, ntohs(in.sin_port));
    QVERIFY(filler.waitForConnected(2000));
    QTcpSocket filler2; // the backlog of 0 still takes one more on Linux
    filler2.connectToHost(QHostAddress::LocalHost, ntohs(in.sin_port));
    filler2.waitForConnected(500);

    http::ClientRequest::Options o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = ntohs(in.sin_port);
    o.noAgent = true;
    o.timeout = 300;
    std::unique_ptr<http::ClientRequest> byOption(http::request(o));
    o.timeout = -1;
    std::unique_ptr<http::ClientRequest> bySetter(http::request(o));
    bySetter->setTimeout(300);
    bool optionFired = false, setterFired = false;
    connect(byOption.get(), &http::ClientRequest::timedOut, this, [&] { optionFired = true; });
    connect(bySetter.get(), &http::ClientRequest::timedOut, this, [&] { setterFired = true; });
    connect(byOption.get(), &http::OutgoingMessage::errorOccurred, this, [] {});
    connect(bySetter.get(), &http::OutgoingMessage::errorOccurred, this, [] {});
    byOption->end();
    bySetter->end();
    QTRY_VERIFY_WITH_TIMEOUT(optionFired, 3000);
    QTest::qWait(500);
    QVERIFY(!setterFired);
    QVERIFY(qobject_cast<http::StreamSocket *>(bySetter->socket())->isConnecting());
    byOption->destroy();
    bySetter->destroy();
    ::close(blackhole);
}

namespace {

// A TLS server with the test certificate (tests/client/tls), answering "secure <url>".
class TlsServer : public QTcpServer {
public:
    TlsServer()
    {
        QFile cert(QStringLiteral(WIREBENCH_TESTS_DIR "/client/tls/cert.pem"));
        QFile key(QStringLiteral(WIREBENCH_TESTS_DIR "/client/tls/key.pem"));
        if (cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly)) {
            m_config.setLocalCertificate(QSslCertificate(&cert, QSsl::Pem));
            m_config.setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
        }
        listen(QHostAddress::LocalHost);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(m_config);
        socket->setSocketDescriptor(descriptor);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::readyRead, socket, [socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray url = buffer->split(' ').value(1);
            buffer->remove(0, end + 4);
            // /big/N: N bytes, to see backpressure over TLS.
            const QByteArray body =
                url.startsWith("/big/") ? QByteArray(url.mid(5).toInt(), 'z') : "secure " + url;
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\n\r\n" + body);
        });
        socket->startServerEncryption();
    }

private:
    QSslConfiguration m_config;
};

} // namespace

void tst_ClientRequest::httpsChecksCertificates_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("rejectUnauthorized");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("self-signed refused")
        << QStringLiteral("127.0.0.1") << true << QByteArray("error:DEPTH_ZERO_SELF_SIGNED_CERT");
    QTest::newRow("accepted with rejectUnauthorized false")
        << QStringLiteral("127.0.0.1") << false << QByteArray("secure /tls");
}

void tst_ClientRequest::httpsChecksCertificates()
{
    QFETCH(QString, host);
    QFETCH(bool, rejectUnauthorized);
    QFETCH(QByteArray, expected);
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    TlsServer server;
    QVERIFY(server.isListening());
    std::unique_ptr<http::ClientRequest> req(http::request(
        QUrl(QStringLiteral("https://%1:%2/tls").arg(host).arg(server.serverPort())), [&] {
            http::ClientRequest::Options o;
            o.rejectUnauthorized = rejectUnauthorized;
            return o;
        }()));
    QVERIFY(req);
    QCOMPARE(req->agent(), https::globalAgent());
    QCOMPARE(runRequest(req.get()), expected);
}

void tst_ClientRequest::httpsReadingIsBounded()
{
    // A reader that does not read: over TLS too, the socket stops taking bytes once its buffer
    // and the response's are full, and every byte is still there when reading resumes.
    TlsServer server;
    const int size = 4 * 1024 * 1024;
    http::ClientRequest::Options o;
    o.protocol = QStringLiteral("https:");
    o.host = QStringLiteral("localhost");
    o.port = server.serverPort();
    o.path = "/big/" + QByteArray::number(size);
    o.rejectUnauthorized = false;
    std::unique_ptr<http::ClientRequest> req(http::request(o));
    QPointer<http::IncomingMessage> res;
    connect(req.get(), &http::ClientRequest::responseReceived, this,
            [&](http::IncomingMessage *r) { res = r; });
    req->end();
    QTRY_VERIFY(res);
    QTest::qWait(300); // time to read everything if nothing held it back
    auto *socket = qobject_cast<http::StreamSocket *>(res->socket());
    QVERIFY(socket);
    const qint64 held = res->readableLength() + socket->bytesAvailable();
    QVERIFY2(held < 1024 * 1024, qPrintable(QString::number(held)));
    qint64 total = 0;
    QElapsedTimer clock;
    clock.start();
    while (total < size && clock.elapsed() < 20000) {
        total += res->read().size();
        QTest::qWait(1);
    }
    QCOMPARE(total, qint64(size));
}

QTEST_GUILESS_MAIN(tst_ClientRequest)
#include "tst_clientrequest.moc"
