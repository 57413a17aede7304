// Request: the one request type. Its file form, its checks, and what prepare() hands httpcore:
// variables filled in, the Auth and Body headers added, and a preview of Node's own headers that
// a real server then reads, in order.
#include "agent.h"
#include "exchange.h"
#include "incomingmessage.h"
#include "request.h"
#include "server.h"
#include "serverresponse.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class tst_Request : public QObject {
    Q_OBJECT
private slots:
    void fileFormRoundTrip();
    void olderFilesStillRead();
    void problems_data();
    void problems();
    void prepareFillsInAndAdds();
    void previewReadsNoFiles();
    void previewIsWhatTheServerReads_data();
    void previewIsWhatTheServerReads();
};

namespace {

Request sample()
{
    Request r;
    r.collection = QStringLiteral("users");
    r.name = QStringLiteral("create");
    r.method = "POST";
    r.url = QStringLiteral("{{base}}/users?x={{x}}");
    r.headers = {{"X-Trace", "{{trace}}"}, {"X-Off", "1", false}, {"Accept", "*/*"}};
    r.body.mode = RequestBody::Mode::Raw;
    r.body.rawType = QStringLiteral("application/json");
    r.body.text = QStringLiteral("{\"who\": \"{{who}}\"}");
    r.auth = {RequestAuth::Type::Bearer, {}, {}, QStringLiteral("{{token}}")};
    r.keepAlive = false;
    r.timeoutMs = 1200;
    r.insecure = true;
    r.followRedirects = 4;
    return r;
}

Variables vars()
{
    return Variables({{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:9")},
                      {QStringLiteral("x"), QStringLiteral("1")},
                      {QStringLiteral("trace"), QStringLiteral("t-7")},
                      {QStringLiteral("who"), QStringLiteral("ada")},
                      {QStringLiteral("token"), QStringLiteral("s3cret")}});
}

} // namespace

void tst_Request::fileFormRoundTrip()
{
    const Request r = sample();
    const QJsonObject o = r.toJson();
    QVERIFY(!o.contains(QStringLiteral("collection"))); // the file's folder says it
    // A header switched off is kept, marked false; the others are plain pairs.
    QCOMPARE(o.value(QStringLiteral("headers")).toArray().at(1),
             QJsonArray({QStringLiteral("X-Off"), QStringLiteral("1"), false}));
    QCOMPARE(o.value(QStringLiteral("headers")).toArray().at(0).toArray().size(), 2);
    const Request back = Request::fromJson(o);
    QCOMPARE(back.toJson(), o);
    QCOMPARE(back.headers, r.headers);
    QCOMPARE(back.body, r.body);
    QCOMPARE(back.auth, r.auth);
    QCOMPARE(back.keepAlive, false);
    QCOMPARE(back.timeoutMs, 1200);
    QCOMPARE(back.insecure, true);
    QCOMPARE(back.followRedirects, 4);
    QCOMPARE(back.path(), QStringLiteral("create")); // no collection read from the object
    // Lists show the method beside the name: a name starting with it is not shown twice.
    Request named;
    named.method = "DELETE";
    named.name = QStringLiteral("DELETE user");
    QCOMPARE(named.displayName(), QStringLiteral("user"));
    named.name = QStringLiteral("DELETE");
    QCOMPARE(named.displayName(), QStringLiteral("DELETE"));
    named.name = QStringLiteral("GET user");
    QCOMPARE(named.displayName(), QStringLiteral("GET user"));
}

void tst_Request::olderFilesStillRead()
{
    const Request r = Request::fromJson(
        QJsonObject{{QStringLiteral("url"), QStringLiteral("http://h.test/")},
                    {QStringLiteral("headers"),
                     QJsonArray{QJsonArray{QStringLiteral("A"), QStringLiteral("b")}}},
                    {QStringLiteral("body"), QStringLiteral("plain text")}});
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.headers, (QList<Request::Header>{{"A", "b", true}}));
    QCOMPARE(r.body.mode, RequestBody::Mode::Raw);
    QCOMPARE(r.body.text, QStringLiteral("plain text"));
    QVERIFY(r.keepAlive);
}

void tst_Request::problems_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("fine") << QByteArray("GET") << QStringLiteral("{{base}}/x") << QByteArray("A")
                          << QString();
    QTest::newRow("method") << QByteArray("GE T") << QStringLiteral("{{base}}/x") << QByteArray("A")
                            << QStringLiteral("Method must be a valid HTTP token [\"GE T\"]");
    QTest::newRow("unknown variable")
        << QByteArray("GET") << QStringLiteral("{{nope}}/x") << QByteArray("A")
        << QStringLiteral("{{nope}} is not in the active environment");
    QTest::newRow("no URL") << QByteArray("GET") << QString() << QByteArray("A")
                            << QStringLiteral("Enter a URL such as http://127.0.0.1:8080/");
    QTest::newRow("scheme") << QByteArray("GET") << QStringLiteral("ftp://h.test/")
                            << QByteArray("A")
                            << QStringLiteral("Only http:// and https:// URLs can be sent");
    QTest::newRow("header name, after variables")
        << QByteArray("GET") << QStringLiteral("{{base}}/x") << QByteArray("{{who}} x")
        << QStringLiteral("Header name must be a valid HTTP token [\"ada x\"]");
}

void tst_Request::problems()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    Request r;
    r.method = method;
    r.url = url;
    r.headers = {{header, "v"}, {"Bad Name Off", "v", false}}; // a row switched off is not checked
    QCOMPARE(r.problem(vars()), problem);
}

void tst_Request::prepareFillsInAndAdds()
{
    const Request::Prepared p = sample().prepare(vars());
    QVERIFY(p.error.isEmpty());
    QCOMPARE(p.url, QUrl(QStringLiteral("http://127.0.0.1:9/users?x=1")));
    QCOMPARE(p.method, QByteArray("POST"));
    // The user's enabled rows in order, then the Auth and Body tabs' headers.
    QCOMPARE(p.headers, (http::OutgoingMessage::HeaderList{{"X-Trace", "t-7"},
                                                           {"Accept", "*/*"},
                                                           {"Authorization", "Bearer s3cret"},
                                                           {"Content-Type", "application/json"}}));
    QCOMPARE(p.added.size(), 2);
    QCOMPARE(p.body, QByteArray("{\"who\": \"ada\"}"));
    QVERIFY(p.hasBody);
    QCOMPARE(p.timeoutMs, 1200);
    QVERIFY(p.insecure);
    QVERIFY(!p.keepAlive);

    // The user's own Authorization and Content-Type win.
    Request own = sample();
    own.headers = {{"authorization", "Basic x"}, {"content-type", "text/plain"}};
    QCOMPARE(own.prepare(vars()).headers,
             (http::OutgoingMessage::HeaderList{{"authorization", "Basic x"},
                                                {"content-type", "text/plain"}}));
    // Node sends a GET body without a length, which no server can read: Wirebench adds one.
    Request get = sample();
    get.method = "GET";
    QCOMPARE(get.prepare(vars()).headers.constLast(),
             (QPair<QByteArray, QByteArray>("Content-Length", "14")));
}

void tst_Request::previewReadsNoFiles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upload.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(1000, 'x'));
    f.close();
    Request r;
    r.method = "POST";
    r.url = QStringLiteral("http://127.0.0.1:9/up");
    r.body.mode = RequestBody::Mode::Multipart;
    r.body.fields = {{true, QStringLiteral("doc"), QStringLiteral("/no/such/file"), true}};
    const Request::Prepared preview = r.prepare({}, Request::Purpose::Preview);
    QVERIFY(preview.error.isEmpty()); // not read: no error yet
    QCOMPARE(preview.bodyLength, -1);
    QCOMPARE(preview.headers.constLast().second,
             QByteArray("multipart/form-data; boundary=(made when sent)"));
    const Request::Prepared send = r.prepare({});
    QVERIFY2(send.error.contains(QLatin1String("/no/such/file")), qPrintable(send.error));

    // A file body is streamed: its size is its length, its bytes are not loaded.
    r.body.mode = RequestBody::Mode::File;
    r.body.filePath = path;
    const Request::Prepared file = r.prepare({});
    QCOMPARE(file.bodyFile, path);
    QVERIFY(file.body.isEmpty());
    QCOMPARE(file.bodyLength, 1000);
    QVERIFY(file.headers.contains(qMakePair(QByteArray("Content-Length"), QByteArray("1000"))));
}

void tst_Request::previewIsWhatTheServerReads_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("GET with a body (Wirebench frames it)") << QByteArray("GET") << "q" << true;
    QTest::newRow("DELETE, agent: false") << QByteArray("DELETE") << QString() << false;
    QTest::newRow("OPTIONS with a body") << QByteArray("OPTIONS") << "{}" << true;
    QTest::newRow("POST, empty") << QByteArray("POST") << QString() << true;
}

void tst_Request::previewIsWhatTheServerReads()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, body);
    QFETCH(bool, keepAlive);
    http::Server server;
    QByteArrayList received;
    connect(&server, &http::Server::requestReceived, this,
            [&received](http::IncomingMessage *req, http::ServerResponse *res) {
                received = req->rawHeaders();
                connect(req, &http::IncomingMessage::ended, res, [res] { res->end("ok"); });
                req->resume();
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    Request r;
    r.method = method;
    r.url = QStringLiteral("http://127.0.0.1:%1/p").arg(server.port());
    r.headers = {{"X-A", "1"}};
    r.keepAlive = keepAlive;
    if (!body.isEmpty()) {
        r.body.mode = RequestBody::Mode::Raw;
        r.body.rawType = QStringLiteral("text/plain");
        r.body.text = body;
    }
    QByteArrayList predicted{"X-A", "1"};
    for (const Request::Added &a : r.implicitHeaders({}))
        predicted << a.name << a.value;
    http::Agent::Options options;
    options.keepAlive = true;
    http::Agent agent(options); // as the app's: kept alive unless the request says agent: false
    Exchange x(r.prepare({}), keepAlive ? &agent : nullptr, Exchange::Detail::Full);
    QTRY_VERIFY(x.isDone());
    QVERIFY2(!x.error(), qPrintable(x.error().message()));
    QCOMPARE(received, predicted);
}

QTEST_GUILESS_MAIN(tst_Request)
#include "tst_request.moc"
