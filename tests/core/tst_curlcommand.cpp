// CurlCommand: pasted curl command lines become requests, and requests become curl commands that
// curl itself accepts (round trip).
#include "curlcommand.h"
#include "variables.h"

#include <QTest>

using namespace wb;

using HeaderPairs = http::OutgoingMessage::HeaderList;

class tst_CurlCommand : public QObject {
    Q_OBJECT
private slots:
    void formsAndFiles();
    void dataAsFormFields_data();
    void dataAsFormFields();
    void authForTheAuthTab();
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void roundTrip_data();
    void roundTrip();
    void pastesBack_data();
    void pastesBack();
};

void tst_CurlCommand::dataAsFormFields_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("fields"); // name=value per field; empty: stays raw
    QTest::newRow("-d a=1&b=2") << QStringLiteral("curl -d 'a=1&b=2' http://x.test")
                                << QStringList{QStringLiteral("a=1"), QStringLiteral("b=2")};
    QTest::newRow("two -d, encoded")
        << QStringLiteral("curl -d q=hello+world -d x=%C3%A9 x.test")
        << QStringList{QStringLiteral("q=hello world"), QStringLiteral("x=\u00e9")};
    QTest::newRow("explicit form type")
        << QStringLiteral("curl -H 'Content-Type: application/x-www-form-urlencoded' -d k=v x.test")
        << QStringList{QStringLiteral("k=v")};
    QTest::newRow("JSON stays raw") << QStringLiteral("curl -H 'Content-Type: application/json' "
                                                      "-d 'a=1' x.test")
                                    << QStringList();
    QTest::newRow("a space the table would send as + stays raw")
        << QStringLiteral("curl -d 'a=hello world' x.test") << QStringList();
    QTest::newRow("not name=value stays raw")
        << QStringLiteral("curl -d hello x.test") << QStringList();
}

void tst_CurlCommand::dataAsFormFields()
{
    QFETCH(QString, command);
    QFETCH(QStringList, fields);
    QString error;
    const auto parsed = CurlCommand::parse(command, &error);
    QVERIFY2(parsed, qPrintable(error));
    if (fields.isEmpty()) {
        QCOMPARE(parsed->body.mode, RequestBody::Mode::Raw);
        return;
    }
    QCOMPARE(parsed->body.mode, RequestBody::Mode::Form);
    QStringList got;
    for (const RequestBody::Field &f : parsed->body.fields)
        got << f.name + u'=' + f.value;
    QCOMPARE(got, fields);
    // The table sends exactly what curl would: its -d values joined with '&'.
    QByteArrayList data;
    const QStringList words = *CurlCommand::split(command, &error);
    for (qsizetype i = 0; i + 1 < words.size(); ++i)
        if (words[i] == QLatin1String("-d"))
            data << words[i + 1].toUtf8();
    QCOMPARE(parsed->prepare({}).body, data.join('&'));
}

void tst_CurlCommand::authForTheAuthTab()
{
    QString error;
    auto parsed = CurlCommand::parse(QStringLiteral("curl -u 'ada:s3:cret' http://x.test"), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->auth.type, RequestAuth::Type::Basic);
    QCOMPARE(parsed->auth.user, QStringLiteral("ada"));
    QCOMPARE(parsed->auth.password, QStringLiteral("s3:cret"));
    parsed = CurlCommand::parse(QStringLiteral("curl --oauth2-bearer t0k http://x.test"), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->auth.type, RequestAuth::Type::Bearer);
    QCOMPARE(parsed->auth.token, QStringLiteral("t0k"));
}

void tst_CurlCommand::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<HeaderPairs>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("plain") << QStringLiteral("curl http://localhost:8080/a") << QByteArray("GET")
                           << QStringLiteral("http://localhost:8080/a") << HeaderPairs()
                           << QByteArray();
    QTest::newRow("browser copy")
        << QStringLiteral("curl 'http://x.test/api?q=1' \\\n  -H 'Accept: application/json' \\\n  "
                          "-H 'Cookie: a=1; b=2' \\\n  --compressed")
        << QByteArray("GET") << QStringLiteral("http://x.test/api?q=1")
        << HeaderPairs{{"Accept", "application/json"}, {"Cookie", "a=1; b=2"}} << QByteArray();
    QTest::newRow("data means POST and a form type")
        << QStringLiteral("curl -d a=1 -d b=2 x.test") << QByteArray("POST")
        << QStringLiteral("http://x.test")
        << HeaderPairs{{"Content-Type", "application/x-www-form-urlencoded"}}
        << QByteArray("a=1&b=2");
    QTest::newRow("json") << QStringLiteral("curl --json '{\"a\": 1}' http://x.test/j")
                          << QByteArray("POST") << QStringLiteral("http://x.test/j")
                          << HeaderPairs{{"Content-Type", "application/json"},
                                         {"Accept", "application/json"}}
                          << QByteArray("{\"a\": 1}");
    QTest::newRow("explicit method, joined form")
        << QStringLiteral("curl -XPUT \"http://x.test/u\" --data-raw \"it's \\\"quoted\\\"\"")
        << QByteArray("PUT") << QStringLiteral("http://x.test/u")
        << HeaderPairs{{"Content-Type", "application/x-www-form-urlencoded"}}
        << QByteArray("it's \"quoted\"");
    QTest::newRow("user (for the Auth tab)")
        << QStringLiteral("curl -u user:pass http://x.test") << QByteArray("GET")
        << QStringLiteral("http://x.test") << HeaderPairs{{"Authorization", "Basic dXNlcjpwYXNz"}}
        << QByteArray();
    QTest::newRow("head") << QStringLiteral("curl -I http://x.test") << QByteArray("HEAD")
                          << QStringLiteral("http://x.test") << HeaderPairs() << QByteArray();
    QTest::newRow("templated URL kept")
        << QStringLiteral("curl '{{base}}/users?id={{id}}'") << QByteArray("GET")
        << QStringLiteral("{{base}}/users?id={{id}}") << HeaderPairs() << QByteArray();
    QTest::newRow("get with data")
        << QStringLiteral("curl -G -d q=1 http://x.test/s") << QByteArray("GET")
        << QStringLiteral("http://x.test/s?q=1") << HeaderPairs() << QByteArray();
    QTest::newRow("agent, referer, --opt=value")
        << QStringLiteral("curl -A wb/1 --referer=http://r.test --url http://x.test")
        << QByteArray("GET") << QStringLiteral("http://x.test")
        << HeaderPairs{{"User-Agent", "wb/1"}, {"Referer", "http://r.test"}} << QByteArray();
}

void tst_CurlCommand::parse()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(HeaderPairs, headers);
    QFETCH(QByteArray, body);
    QString error;
    const auto parsed = CurlCommand::parse(command, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->method, method);
    QCOMPARE(parsed->url, url);
    // What is sent: a form's type comes back from the Body tab.
    const Request::Prepared sent = parsed->prepare({});
    QCOMPARE(sent.headers, headers);
    QCOMPARE(sent.body, body);
    QCOMPARE(sent.hasBody, !body.isEmpty());
}

void tst_CurlCommand::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("no URL") << QStringLiteral("curl -H 'A: b'")
                            << QStringLiteral("no URL in the command");
    QTest::newRow("open quote") << QStringLiteral("curl 'http://x")
                                << QStringLiteral("unterminated single quote");
    QTest::newRow("unknown option") << QStringLiteral("curl --proxy p http://x")
                                    << QStringLiteral("curl option --proxy is not supported");
    QTest::newRow("bad header") << QStringLiteral("curl -H 'Bad Name: v' http://x")
                                << QStringLiteral(
                                       "Header name must be a valid HTTP token [\"Bad Name\"]");
    QTest::newRow("file body") << QStringLiteral("curl -d @body.json http://x")
                               << QStringLiteral("-d @body.json: reading a file is not supported "
                                                 "when pasting; put the body in the Body tab");
    QTest::newRow("a quote gone missing")
        << QStringLiteral("curl -X PUT 'http://h/echo -d 'x")
        << QStringLiteral("the URL \"http://h/echo -d x\" has spaces in it: is a quote missing?");
    QTest::newRow("missing value")
        << QStringLiteral("curl http://x -H") << QStringLiteral("-H needs a value");
    // Found by fuzz_curlcommand: a time beyond an int of milliseconds, and a NUL (no shell can
    // pass it, and "copy as curl" could not write it).
    QTest::newRow("huge --max-time") << QStringLiteral("curl -m 1e131 http://x")
                                     << QStringLiteral("-m 1e131: expected a number of seconds");
    QTest::newRow("--max-time not a number")
        << QStringLiteral("curl --max-time soon http://x")
        << QStringLiteral("--max-time soon: expected a number of seconds");
    QTest::newRow("NUL") << QStringLiteral("curl -d 'a\0b' http://x")
                         << QStringLiteral("a NUL character cannot be part of a command line");
}

void tst_CurlCommand::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!CurlCommand::parse(command, &error));
    QCOMPARE(error, message);
}

void tst_CurlCommand::roundTrip_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray();
    QTest::newRow("POST body") << QByteArray("POST") << QByteArray("{\"it's\": \"json\"}");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
    QTest::newRow("PATCH body") << QByteArray("PATCH") << QByteArray("a=1&b='2'");
    QTest::newRow("HEAD") << QByteArray("HEAD") << QByteArray();
}

void tst_CurlCommand::roundTrip()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    Request r;
    r.url = QStringLiteral("http://127.0.0.1:8080/p a/th?x=1&y={{words}}");
    r.method = method;
    r.headers = {{"X-Quote", "it's"}, {"Content-Type", "text/plain"}, {"X-Off", "1", false}};
    if (!body.isEmpty()) {
        r.body.mode = RequestBody::Mode::Raw;
        r.body.text = QString::fromUtf8(body);
    }
    r.insecure = true;
    const Variables vars({{QStringLiteral("words"), QStringLiteral("two words")}});
    const QString command = CurlCommand::toCurl(r, vars);
    QVERIFY2(!command.contains(QLatin1String("X-Off")), qPrintable(command));
    QString error;
    const auto back = CurlCommand::parse(command, &error);
    QVERIFY2(back, qPrintable(error + QStringLiteral(": ") + command));
    const Request::Prepared sent = r.prepare(vars);
    const Request::Prepared again = back->prepare({});
    QCOMPARE(again.method, sent.method);
    QCOMPARE(again.url, sent.url);
    QCOMPARE(again.headers, sent.headers);
    QCOMPARE(again.body, sent.body);
    QVERIFY(back->insecure);
}

// Pasted commands that fuzz_curlcommand found "copy as curl" could not write back: each is copied
// as shown, and the copy pastes back to the same command.
void tst_CurlCommand::pastesBack_data()
{
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<QString>("copied");
    QTest::newRow("URL that is not one")
        << QStringLiteral("curl '{{base'") << QStringLiteral("curl '{{base'");
    QTest::newRow("not http once filled in")
        << QStringLiteral("curl 'file:///{{x}}'") << QStringLiteral("curl 'file:///{{x}}'");
    QTest::newRow("method with a space") << QStringLiteral("curl -X 'GET THIS' http://x.test")
                                         << QStringLiteral("curl -X 'GET THIS' http://x.test");
    QTest::newRow("-A padded") << QStringLiteral("curl -A '  agent ' http://x.test")
                               << QStringLiteral("curl http://x.test -H 'User-Agent: agent'");
    QTest::newRow("URL like an option")
        << QStringLiteral("curl --url '-{{x}}'") << QStringLiteral("curl --url '-{{x}}'");
    QTest::newRow("HEAD with data")
        << QStringLiteral("curl -X HEAD -d a=1 http://x.test")
        << QStringLiteral("curl -X HEAD http://x.test -H 'Content-Type: "
                          "application/x-www-form-urlencoded' --data-raw a=1");
}

void tst_CurlCommand::pastesBack()
{
    QFETCH(QString, pasted);
    QFETCH(QString, copied);
    QString error;
    const auto request = CurlCommand::parse(pasted, &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(CurlCommand::toCurl(*request, {}), copied);
    const auto again = CurlCommand::parse(copied, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(CurlCommand::toCurl(*again, {}), copied);
}

void tst_CurlCommand::formsAndFiles()
{
    QString error;
    auto parsed = CurlCommand::parse(
        QStringLiteral("curl http://h.test/up -F name=Ada -F 'doc=@/tmp/x.txt;type=text/plain' "
                       "-F 'q=\"a;b\"' --form-string 'raw=@not a file;x'"),
        &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->method, QByteArray("POST"));
    QCOMPARE(parsed->body.mode, RequestBody::Mode::Multipart);
    const QList<RequestBody::Field> expected{
        {true, QStringLiteral("name"), QStringLiteral("Ada"), false},
        {true, QStringLiteral("doc"), QStringLiteral("/tmp/x.txt"), true},
        {true, QStringLiteral("q"), QStringLiteral("a;b"), false},
        {true, QStringLiteral("raw"), QStringLiteral("@not a file;x"), false}};
    QCOMPARE(parsed->body.fields, expected);

    // Back to curl and in again: the same form (curl makes the Content-Type and boundary).
    Request request = *parsed;
    request.headers.append(Request::Header{"Content-Type", "multipart/form-data; boundary=x"});
    request.body.fields[1].value = QFINDTESTDATA("tst_curlcommand.cpp"); // a file that exists
    const QString command = CurlCommand::toCurl(request, {});
    QVERIFY2(!command.contains(QLatin1String("boundary")), qPrintable(command));
    const auto again = CurlCommand::parse(command, &error);
    QVERIFY2(again, qPrintable(error + QStringLiteral(": ") + command));
    QCOMPARE(again->body.fields, request.body.fields);

    parsed = CurlCommand::parse(
        QStringLiteral("curl -X PUT --data-binary @/tmp/image.png http://h.test/i"), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->body.mode, RequestBody::Mode::File);
    QCOMPARE(parsed->body.filePath, QStringLiteral("/tmp/image.png"));
    // The type the app sends goes with it (curl would say x-www-form-urlencoded).
    QCOMPARE(CurlCommand::toCurl(*parsed, {}),
             QStringLiteral("curl -X PUT http://h.test/i -H 'Content-Type: image/png' "
                            "--data-binary @/tmp/image.png"));

    QVERIFY(!CurlCommand::parse(QStringLiteral("curl -F a=1 -d b=2 http://h.test/"), &error));
    QVERIFY(!CurlCommand::parse(QStringLiteral("curl -F 'a=</etc/hosts' http://h.test/"), &error));
    QVERIFY2(error.contains(QLatin1String("upload it with @")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_CurlCommand)
#include "tst_curlcommand.moc"
