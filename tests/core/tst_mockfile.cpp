// Mock files: defaults, and errors that name the file, the line and the field.
#include "mockfile.h"

#include <QTemporaryFile>
#include <QTest>

using namespace wb;

class tst_MockFile : public QObject {
    Q_OBJECT
private slots:
    void defaults();
    void fullRoute();
    void errors_data();
    void errors();
    void unreachableRoutesWarned();
    void bodiesAsWritten();
    void unreadableFile();
    void writtenFileReadsBack();
    void routeFromEditorText();
    void shippedFilesLoad_data();
    void shippedFilesLoad();
};

void tst_MockFile::defaults()
{
    QString error;
    const auto file = MockFile::parse(R"({"servers":[{"routes":[{"path":"/"}]}]})",
                                      QStringLiteral("m.json"), &error);
    QVERIFY2(file, qPrintable(error));
    const MockServerSpec &s = file->servers.first();
    QCOMPARE(s.name, QStringLiteral("server 1"));
    QCOMPARE(s.host, QStringLiteral("127.0.0.1")); // loopback unless the user says otherwise
    QCOMPARE(s.port, 0);
    QCOMPARE(s.keepAliveTimeout, 5000);
    QCOMPARE(s.headersTimeout, 60000);
    QCOMPARE(s.requestTimeout, 300000);
    QCOMPARE(s.maxHeaderSize, 16384);
    const MockRoute &r = s.routes.first();
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.response.status, 200);
    QVERIFY(r.response.statusMessage.isNull());
    QVERIFY(!r.response.hasChunks);
    QCOMPARE(r.response.delayMs, 0);
    QVERIFY(!r.response.echo);
}

void tst_MockFile::fullRoute()
{
    QString error;
    const auto file = MockFile::parse(R"({"servers":[{"name":"a","port":8081,"routes":[
        {"method":"*","path":"/x/:id","status":201,"statusMessage":"Made","headers":[["A","1"],["A","2"]],
         "chunks":["a","b"],"trailers":[["T","v"]],"delayMs":5},
        {"path":"/json","body":{"k":[1,2]}}]}]})",
                                      QStringLiteral("m.json"), &error);
    QVERIFY2(file, qPrintable(error));
    const MockRoute &r = file->servers.first().routes.first();
    QCOMPARE(r.method, QByteArray("*"));
    QCOMPARE(r.response.statusMessage, QByteArray("Made"));
    QCOMPARE(r.response.headers.size(), 2);
    QCOMPARE(r.response.chunks, (QByteArrayList{"a", "b"}));
    QCOMPARE(r.response.trailers.first().first, QByteArray("T"));
    QCOMPARE(r.response.delayMs, 5);
    QCOMPARE(file->servers.first().routes[1].response.body, QByteArray("{\"k\":[1,2]}"));
}

void tst_MockFile::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax") << QByteArray("{\n  \"servers\": [\n    {,}\n  ]\n}")
                            << QStringLiteral("bad.json:3:");
    QTest::newRow("no servers")
        << QByteArray("{\"servers\": []}")
        << QStringLiteral("bad.json:1: servers: expected a non-empty array of servers");
    QTest::newRow("unknown top-level field") << QByteArray("{\"servers\": [{}],\n\"sever\": 1}")
                                             << QStringLiteral("bad.json:2: sever: unknown field");
    QTest::newRow("port type") << QByteArray("{\"servers\": [\n {\n  \"port\": \"80\"\n }\n]}")
                               << QStringLiteral("bad.json:3: servers[0].port: expected a whole "
                                                 "number from 0 to 65535, got the string \"80\"");
    QTest::newRow("escaped key") << QByteArray(
                                        "{\"servers\": [\n {\n  \"\\u0070ort\": \"80\"\n }\n]}")
                                 << QStringLiteral("bad.json:3: servers[0].port: expected");
    QTest::newRow("port range") << QByteArray("{\"servers\": [{\"port\": 70000}]}")
                                << QStringLiteral("bad.json:1: servers[0].port: expected a whole "
                                                  "number from 0 to 65535, got the number 70000");
    // Found by fuzz_mockfile: a number beyond 64 bits was converted to test it for a fraction.
    QTest::newRow("port beyond 64 bits")
        << QByteArray("{\"servers\": [{\"port\": 300000000000000000000000}]}")
        << QStringLiteral("bad.json:1: servers[0].port: expected a whole number from 0 to 65535, "
                          "got the number 3e+23");
    QTest::newRow("fraction") << QByteArray("{\"servers\": [{\"port\": 80.5}]}")
                              << QStringLiteral("bad.json:1: servers[0].port: expected a whole "
                                                "number from 0 to 65535, got the number 80.5");
    QTest::newRow("typo in route")
        << QByteArray("{\"servers\": [{\"routes\": [\n{\"path\": \"/\",\n \"stauts\": 200}]}]}")
        << QStringLiteral(
               "bad.json:3: servers[0].routes[0].stauts: unknown field; did you mean \"status\"?");
    QTest::newRow("missing path")
        << QByteArray("{\"servers\": [{\"routes\": [{\"method\": \"GET\"}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0]: missing field \"path\"");
    QTest::newRow("bad method")
        << QByteArray("{\"servers\": [{\"routes\": [{\"method\": \"GE T\", \"path\": \"/\"}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].method: expected an HTTP method token "
                          "or \"*\", got \"GE T\"");
    QTest::newRow("status range")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"status\": 99}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].status: expected a whole number from "
                          "100 to 999, got the number 99");
    QTest::newRow("header injection")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\",\n\"headers\": [[\"X\", "
                      "\"a\\r\\nB: c\"]]}]}]}")
        << QStringLiteral("bad.json:2: servers[0].routes[0].headers[0]: Invalid character in "
                          "header content [\"X\"]");
    QTest::newRow("header value beyond Latin-1")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\",\n\"headers\": [[\"Price\", "
                      "\"5 \xe2\x82\xac\"]]}]}]}")
        << QStringLiteral("bad.json:2: servers[0].routes[0].headers[0]: Invalid character in "
                          "header content [\"Price\"]");
    QTest::newRow("header name") << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", "
                                               "\"headers\": [[\"a b\", \"1\"]]}]}]}")
                                 << QStringLiteral(
                                        "bad.json:1: servers[0].routes[0].headers[0]: Header name "
                                        "must be a valid HTTP token [\"a b\"]");
    QTest::newRow("header shape")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"headers\": [\"X: 1\"]}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].headers[0]: expected a [name, value] "
                          "pair of strings, got the string \"X: 1\"");
    QTest::newRow("body and chunks")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"body\": \"a\", \"chunks\": "
                      "[\"b\"]}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].chunks: use either \"body\" or "
                          "\"chunks\", not both");
    QTest::newRow("echo type")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"echo\": \"yes\"}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].echo: expected true or false, got the "
                          "string \"yes\"");
    QTest::newRow("path") << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"users\"}]}]}")
                          << QStringLiteral("bad.json:1: servers[0].routes[0].path: expected a "
                                            "path starting with \"/\", got \"users\"");
    QTest::newRow("empty responses")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\",\n\"responses\": []}]}]}")
        << QStringLiteral("bad.json:2: servers[0].routes[0].responses: expected a non-empty array "
                          "of responses, got an array");
    QTest::newRow("route field in a response")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"responses\": [\n{\"body\": "
                      "\"a\"},\n{\"path\": \"/b\"}]}]}]}")
        << QStringLiteral("bad.json:3: servers[0].routes[0].responses[1].path: unknown field");
    QTest::newRow("match typo")
        << QByteArray(
               "{\"servers\": [{\"routes\": [{\"path\": \"/\", \"match\": {\"heders\": {}}}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].match.heders: unknown field; did you "
                          "mean \"headers\"?");
    QTest::newRow("match value")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"match\": {\"query\": "
                      "{\"n\": 1}}}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].match.query.n: expected a string (or "
                          "\"/regular expression/\"), got the number 1");
    QTest::newRow("enabled type")
        << QByteArray("{\"servers\": [{\"routes\": [{\"path\": \"/\", \"enabled\": 0}]}]}")
        << QStringLiteral("bad.json:1: servers[0].routes[0].enabled: expected true or false, got "
                          "the number 0");
    QTest::newRow("cors type") << QByteArray("{\"servers\": [{\"cors\": \"yes\"}]}")
                               << QStringLiteral("bad.json:1: servers[0].cors: expected true or "
                                                 "false, got the string \"yes\"");
    QTest::newRow("timeouts")
        << QByteArray("{\"servers\": [{\"headersTimeout\": 10, \"requestTimeout\": 5}]}")
        << QStringLiteral("bad.json:1: servers[0].headersTimeout: must be <= requestTimeout (5)");
}

void tst_MockFile::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!MockFile::parse(json, QStringLiteral("bad.json"), &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

// A route after one of the same method (or "*") and path without "match" is never reached: the
// file loads, with a warning naming both routes and their lines.
void tst_MockFile::unreachableRoutesWarned()
{
    const QByteArray json = R"({"servers": [{"routes": [
  {"path": "/a", "body": "first"},
  {"path": "/a", "match": {"query": {"v": "2"}}, "body": "never"},
  {"path": "/b", "match": {"query": {"v": "2"}}, "body": "v2"},
  {"path": "/b", "body": "other"},
  {"method": "*", "path": "/c", "body": "any"},
  {"method": "POST", "path": "/c", "body": "never"},
  {"method": "POST", "path": "/a", "body": "reached"},
  {"path": "/d", "enabled": false, "body": "off"},
  {"path": "/d", "body": "reached"},
  {"method": "HEAD", "path": "/d"}
]}]})";
    QString error;
    const auto file = MockFile::parse(json, QStringLiteral("shadow.json"), &error);
    QVERIFY2(file, qPrintable(error));
    const QStringList expected{
        QStringLiteral("shadow.json:3: servers[0].routes[1]: GET /a can never match: "
                       "servers[0].routes[0] (line 2) answers it first, with no \"match\""),
        QStringLiteral("shadow.json:7: servers[0].routes[5]: POST /c can never match: "
                       "servers[0].routes[4] (line 6) answers it first, with no \"match\""),
        QStringLiteral("shadow.json:11: servers[0].routes[9]: HEAD /d can never match: "
                       "servers[0].routes[8] (line 10) answers it first, with no \"match\"")};
    QCOMPARE(file->warnings, expected);
}

// Bodies and chunks are the UTF-8 of the JSON strings: taken from the file's bytes where the
// string has no escapes (a large body is not decoded and encoded back), decoded where it has.
void tst_MockFile::bodiesAsWritten()
{
    const QByteArray json =
        "{\"servers\": [{\"routes\": [\n"
        "  {\"path\": \"/a\", \"body\": \"caf\xc3\xa9 \xe2\x82\xac \\\"q\\\"\"},\n"
        "  {\"path\": \"/b\", \"body\": \"plain \xe2\x82\xac\"},\n"
        "  {\"path\": \"/c\", \"chunks\": [\"\\u00e9\\n\", \"x\\\\\", \"\xc3\xa9\"]},\n"
        "  {\"path\": \"/d\", \"responses\": [{\"body\": \"r\xc3\xa9\"}, {\"body\": \"\"}]}\n"
        "]}]}";
    QString error;
    const auto file = MockFile::parse(json, QStringLiteral("bodies.json"), &error);
    QVERIFY2(file, qPrintable(error));
    const QList<MockRoute> &routes = file->servers[0].routes;
    QCOMPARE(routes[0].response.body, QByteArray("caf\xc3\xa9 \xe2\x82\xac \"q\""));
    QCOMPARE(routes[1].response.body, QByteArray("plain \xe2\x82\xac"));
    QCOMPARE(routes[2].response.chunks, QByteArrayList({"\xc3\xa9\n", "x\\", "\xc3\xa9"}));
    QCOMPARE(routes[3].responses[0].body, QByteArray("r\xc3\xa9"));
    QCOMPARE(routes[3].responses[1].body, QByteArray(""));
}

void tst_MockFile::unreadableFile()
{
    QString error;
    QVERIFY(!MockFile::load(QStringLiteral("/nonexistent/mock.json"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("/nonexistent/mock.json: cannot read")),
             qPrintable(error));
}

void tst_MockFile::shippedFilesLoad_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("demo") << QStringLiteral(WIREBENCH_TESTS_DIR "/../resources/demo.mock.json");
    QTest::newRow("wire") << QStringLiteral(WIREBENCH_TESTS_DIR "/wire/wire.mock.json");
}

void tst_MockFile::shippedFilesLoad()
{
    QFETCH(QString, path);
    QString error;
    const auto file = MockFile::load(path, &error);
    QVERIFY2(file, qPrintable(error));
    QVERIFY2(file->warnings.isEmpty(), qPrintable(file->warnings.join(u'\n')));
}

void tst_MockFile::writtenFileReadsBack()
{
    QString error;
    for (const char *name : {"/../resources/demo.mock.json", "/interop/features.mock.json"}) {
        const auto file =
            MockFile::load(QStringLiteral(WIREBENCH_TESTS_DIR) + QLatin1String(name), &error);
        QVERIFY2(file, qPrintable(error));
        const QByteArray text = MockFile::toJson(file->servers);
        const auto back = MockFile::parse(text, QStringLiteral("written.json"), &error);
        QVERIFY2(back, qPrintable(error + QStringLiteral("\n") + QString::fromUtf8(text)));
        QCOMPARE(back->servers.size(), file->servers.size());
        for (int i = 0; i < file->servers.size(); ++i) {
            const MockServerSpec &a = file->servers[i], &b = back->servers[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.port, a.port);
            QCOMPARE(b.cors, a.cors);
            QCOMPARE(b.routes.size(), a.routes.size());
            for (int r = 0; r < a.routes.size(); ++r)
                QCOMPARE(b.routes[r].source, a.routes[r].source);
        }
        // Readable: fields in the format's order, a header per line.
        QVERIFY2(text.indexOf("\"path\": \"/fault/reset\"") <
                         text.indexOf("\"fault\": \"reset\"") ||
                     text.indexOf("\"method\": \"GET\",\n                \"path\": \"/\"") > 0,
                 text.constData());
        QVERIFY2(!text.contains("[\n                        \""),
                 text.constData()); // not a line per string
    }
}

void tst_MockFile::routeFromEditorText()
{
    QString error;
    QVERIFY(MockFile::parseRoute("{\"path\": \"/a\", \"status\": 201}", &error));
    // Errors name the line of the editor's text and the field.
    QVERIFY(!MockFile::parseRoute("{\n  \"path\": \"/a\",\n  \"status\": \"x\"\n}", &error));
    QVERIFY2(error.startsWith(QStringLiteral("route:3: route.status: expected a whole number")),
             qPrintable(error));
    QVERIFY(!MockFile::parseRoute("{\n  \"path\": \"/a\",,\n}", &error));
    QVERIFY2(error.startsWith(QStringLiteral("route:2:")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_MockFile)
#include "tst_mockfile.moc"
