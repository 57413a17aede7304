// Module-level items of Node's `http` (httpcore/http.h), checked against Node 20's values.
#include "http.h"
#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"

#include <QTcpSocket>
#include <QTest>

class tst_Http : public QObject {
    Q_OBJECT
private slots:
    void methodsMatchNode20();
    void statusCodes_data();
    void statusCodes();
    void maxHeaderSize();
    void validateHeader_data();
    void validateHeader();
    void validateUndefinedValue();
    void containsWord_data();
    void containsWord();
    void createServerConnectsListener();
};

void tst_Http::methodsMatchNode20()
{
    // node -p "require('http').METHODS.join(' ')" (v20.20)
    const QByteArray node =
        "ACL BIND CHECKOUT CONNECT COPY DELETE GET HEAD LINK LOCK M-SEARCH MERGE "
        "MKACTIVITY MKCALENDAR MKCOL MOVE NOTIFY OPTIONS PATCH POST PROPFIND "
        "PROPPATCH PURGE PUT QUERY REBIND REPORT SEARCH SOURCE SUBSCRIBE TRACE "
        "UNBIND UNLINK UNLOCK UNSUBSCRIBE";
    QCOMPARE(http::METHODS().join(' '), node);
    QByteArrayList sorted = http::METHODS();
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, http::METHODS());
}

void tst_Http::statusCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("phrase");
    QTest::newRow("100") << 100 << QByteArray("Continue");
    QTest::newRow("103") << 103 << QByteArray("Early Hints");
    QTest::newRow("200") << 200 << QByteArray("OK");
    QTest::newRow("226") << 226 << QByteArray("IM Used");
    QTest::newRow("308") << 308 << QByteArray("Permanent Redirect");
    QTest::newRow("413") << 413 << QByteArray("Payload Too Large");
    QTest::newRow("418") << 418 << QByteArray("I'm a Teapot");
    QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
    QTest::newRow("509") << 509 << QByteArray("Bandwidth Limit Exceeded");
    QTest::newRow("511") << 511 << QByteArray("Network Authentication Required");
}

void tst_Http::statusCodes()
{
    QFETCH(int, code);
    QFETCH(QByteArray, phrase);
    QCOMPARE(http::STATUS_CODES().value(code), phrase);
    QCOMPARE(http::STATUS_CODES().size(), 63); // Object.keys(STATUS_CODES).length in Node 20
    QVERIFY(!http::STATUS_CODES().contains(306));
}

void tst_Http::maxHeaderSize()
{
    QCOMPARE(http::maxHeaderSize, 16384);
}

void tst_Http::validateHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("message");
    // Rows and messages as Node 20 reports them.
    QTest::newRow("plain") << QByteArray("X-Ok") << QByteArray("v") << QByteArray() << QString();
    QTest::newRow("content-type") << QByteArray("Content-Type")
                                  << QByteArray("text/html; charset=utf-8") << QByteArray()
                                  << QString();
    QTest::newRow("quote in name")
        << QByteArray("a\"b") << QByteArray("v") << QByteArray("ERR_INVALID_HTTP_TOKEN")
        << QStringLiteral("Header name must be a valid HTTP token [\"a\"b\"]");
    QTest::newRow("parens in name")
        << QByteArray("x(y)") << QByteArray("v") << QByteArray("ERR_INVALID_HTTP_TOKEN")
        << QStringLiteral("Header name must be a valid HTTP token [\"x(y)\"]");
    QTest::newRow("colon in name")
        << QByteArray("x:y") << QByteArray("v") << QByteArray("ERR_INVALID_HTTP_TOKEN")
        << QStringLiteral("Header name must be a valid HTTP token [\"x:y\"]");
    QTest::newRow("space in name")
        << QByteArray("x y") << QByteArray("v") << QByteArray("ERR_INVALID_HTTP_TOKEN")
        << QStringLiteral("Header name must be a valid HTTP token [\"x y\"]");
    QTest::newRow("empty name") << QByteArray("") << QByteArray("")
                                << QByteArray("ERR_INVALID_HTTP_TOKEN")
                                << QStringLiteral("Header name must be a valid HTTP token [\"\"]");
    QTest::newRow("tab in value") << QByteArray("ok") << QByteArray("tab\there") << QByteArray()
                                  << QString();
    QTest::newRow("LF in value") << QByteArray("ok") << QByteArray("line\nbreak")
                                 << QByteArray("ERR_INVALID_CHAR")
                                 << QStringLiteral("Invalid character in header content [\"ok\"]");
    QTest::newRow("CR in value") << QByteArray("ok") << QByteArray("cr\rhere")
                                 << QByteArray("ERR_INVALID_CHAR")
                                 << QStringLiteral("Invalid character in header content [\"ok\"]");
    QTest::newRow("NUL in value") << QByteArray("ok") << QByteArray("nul\0here", 8)
                                  << QByteArray("ERR_INVALID_CHAR")
                                  << QStringLiteral("Invalid character in header content [\"ok\"]");
    QTest::newRow("DEL in value") << QByteArray("ok") << QByteArray("\x7f")
                                  << QByteArray("ERR_INVALID_CHAR")
                                  << QStringLiteral("Invalid character in header content [\"ok\"]");
    QTest::newRow("obs-text in value")
        << QByteArray("ok") << QByteArray("caf\xe9") << QByteArray() << QString();
    QTest::newRow("empty value") << QByteArray("ok") << QByteArray("") << QByteArray() << QString();
}

void tst_Http::validateHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, code);
    QFETCH(QString, message);
    http::HttpError error = http::validateHeaderName(name);
    if (!error)
        error = http::validateHeaderValue(name, value);
    QCOMPARE(error.code(), code);
    QCOMPARE(error.message(), message);
}

void tst_Http::validateUndefinedValue()
{
    const http::HttpError e = http::validateHeaderValue("x-a", std::nullopt);
    QCOMPARE(e.code(), QByteArray("ERR_HTTP_INVALID_HEADER_VALUE"));
    QCOMPARE(e.message(), QStringLiteral("Invalid value \"undefined\" for header \"x-a\""));
}

void tst_Http::containsWord_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("word");
    QTest::addColumn<bool>("found");
    QTest::newRow("exact") << QByteArray("close") << QByteArray("close") << true;
    QTest::newRow("case") << QByteArray("Keep-Alive, CLOSE") << QByteArray("close") << true;
    QTest::newRow("inside a word") << QByteArray("closed") << QByteArray("close") << false;
    QTest::newRow("underscore is a word char")
        << QByteArray("x_close") << QByteArray("close") << false;
    QTest::newRow("dash is not") << QByteArray("x-close") << QByteArray("close") << true;
    QTest::newRow("100-continue") << QByteArray("100-Continue") << QByteArray("100-continue")
                                  << true;
    QTest::newRow("chunked list") << QByteArray("gzip, chunked") << QByteArray("chunked") << true;
    QTest::newRow("empty") << QByteArray() << QByteArray("chunked") << false;
}

void tst_Http::containsWord()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, word);
    QFETCH(bool, found);
    QCOMPARE(http::containsWord(value, word), found);
}

void tst_Http::createServerConnectsListener()
{
    int calls = 0;
    std::unique_ptr<http::Server> server(
        http::createServer({}, [&](http::IncomingMessage *req, http::ServerResponse *res) {
            ++calls;
            res->end("url=" + req->url());
        }));
    QVERIFY(!server->listen(0, QStringLiteral("127.0.0.1")));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server->port());
    client.write("GET /abc HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, this, [&] { got += client.readAll(); });
    QTRY_VERIFY(got.endsWith("url=/abc"));
    QCOMPARE(calls, 1);
}

QTEST_GUILESS_MAIN(tst_Http)
#include "tst_http.moc"
