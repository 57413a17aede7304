// ServerResponse / OutgoingMessage: the head and body bytes Node 20 produces for the same calls
// (expected values from Node's `res._header` with sendDate off), and the errors Node throws.
#include "incomingmessage.h"
#include "serverresponse.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

#include <functional>

namespace {

// A response as the Server sets it up (keepAliveTimeout 5000), writing into a buffer.
class TestResponse : public http::ServerResponse {
public:
    explicit TestResponse(http::IncomingMessage *req)
        : http::ServerResponse(req)
    {
        m_keepAliveTimeout = 5000;
        setSendDate(false);
        m_sink.open(QIODevice::WriteOnly);
        assignSocket(&m_sink);
    }
    QByteArray written() const { return m_sink.data(); }

private:
    QBuffer m_sink;
};

std::unique_ptr<http::IncomingMessage> request(const QByteArray &method = "GET", int minor = 1,
                                               QByteArrayList raw = {})
{
    auto req = std::make_unique<http::IncomingMessage>();
    req->setHead(1, minor, method, "/", 0, {}, raw, false);
    return req;
}

using Script = std::function<void(http::ServerResponse &)>;

} // namespace

Q_DECLARE_METATYPE(Script)

class tst_ServerResponse : public QObject {
    Q_OBJECT
private slots:
    void head_data();
    void head();
    void headForRequestKinds_data();
    void headForRequestKinds();
    void chunkFramingAndTrailers();
    void trailersDroppedWithoutChunking();
    void errors();
    void headerStore();
    void writeAfterEndIsReported();
    void writeContinueGoesFirst();
    void finishedAndCork();
};

void tst_ServerResponse::head_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray ka = "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n";
    QTest::newRow("end-data") << Script([](http::ServerResponse &r) { r.end("hello"); })
                              << "HTTP/1.1 200 OK\r\n" + ka + "Content-Length: 5\r\n\r\n";
    QTest::newRow("write-then-end") << Script([](http::ServerResponse &r) {
        r.write("a");
        r.end();
    }) << "HTTP/1.1 200 OK\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("set-twice-keeps-first-position") << Script([](http::ServerResponse &r) {
        r.setHeader("X-A", "1");
        r.setHeader("X-B", "b");
        r.setHeader("x-a", "2");
        r.end();
    }) << "HTTP/1.1 200 OK\r\nx-a: 2\r\nX-B: b\r\n" + ka + "Content-Length: 0\r\n\r\n";
    QTest::newRow("set-cookie-list")
        << Script([](http::ServerResponse &r) {
               r.setHeader("Set-Cookie", QByteArrayList{"a=1", "b=2"});
               r.end("x");
           })
        << "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n" + ka +
               "Content-Length: 1\r\n\r\n";
    QTest::newRow("cookie-list-joined") << Script([](http::ServerResponse &r) {
        r.setHeader("Cookie", QByteArrayList{"a=1", "b=2"});
        r.end("x");
    }) << "HTTP/1.1 200 OK\r\nCookie: a=1; b=2\r\n" + ka + "Content-Length: 1\r\n\r\n";
    QTest::newRow("writehead-pairs") << Script([](http::ServerResponse &r) {
        r.writeHead(201, "Made", {{"X", "1"}, {"X", "2"}});
        r.end();
    }) << "HTTP/1.1 201 Made\r\nX: 1\r\nX: 2\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("writehead-merges-store") << Script([](http::ServerResponse &r) {
        r.setHeader("A", "1");
        r.writeHead(200, {{"B", "2"}, {"A", "3"}});
        r.end("z");
    }) << "HTTP/1.1 200 OK\r\nA: 3\r\nB: 2\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("remove-content-length") << Script([](http::ServerResponse &r) {
        r.removeHeader("Content-Length");
        r.end("abc");
    }) << "HTTP/1.1 200 OK\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("remove-cl-and-te") << Script([](http::ServerResponse &r) {
        r.removeHeader("Content-Length");
        r.removeHeader("Transfer-Encoding");
        r.write("abc");
        r.end();
    }) << "HTTP/1.1 200 OK\r\n" + ka + "\r\n";
    QTest::newRow("connection-close") << Script([](http::ServerResponse &r) {
        r.setHeader("Connection", "close");
        r.end("x");
    }) << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n");
    QTest::newRow("keep-alive-header")
        << Script([](http::ServerResponse &r) {
               r.setHeader("Keep-Alive", "timeout=9");
               r.end("x");
           })
        << QByteArray("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=9\r\nConnection: "
                      "keep-alive\r\nContent-Length: 1\r\n\r\n");
    QTest::newRow("remove-connection") << Script([](http::ServerResponse &r) {
        r.removeHeader("Connection");
        r.end("x");
    }) << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n");
    QTest::newRow("trailer-header-forces-chunked") << Script([](http::ServerResponse &r) {
        r.setHeader("Trailer", "X-T");
        r.addTrailers({{"X-T", "1"}});
        r.end("abc");
    }) << "HTTP/1.1 200 OK\r\nTrailer: X-T\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("unknown-status") << Script([](http::ServerResponse &r) {
        r.setStatusCode(599);
        r.end();
    }) << "HTTP/1.1 599 unknown\r\n" + ka + "Content-Length: 0\r\n\r\n";
    QTest::newRow("custom-message") << Script([](http::ServerResponse &r) {
        r.setStatusCode(404);
        r.setStatusMessage("Nope");
        r.end();
    }) << "HTTP/1.1 404 Nope\r\n" + ka + "Content-Length: 0\r\n\r\n";
    QTest::newRow("status-204-write") << Script([](http::ServerResponse &r) {
        r.setStatusCode(204);
        r.write("ignored");
        r.end();
    }) << "HTTP/1.1 204 No Content\r\n" + ka + "\r\n";
    QTest::newRow("status-304-chunked-te")
        << Script([](http::ServerResponse &r) {
               r.setStatusCode(304);
               r.setHeader("Transfer-Encoding", "chunked");
               r.end();
           })
        << QByteArray("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\nConnection: "
                      "close\r\n\r\n");
    QTest::newRow("user-content-length") << Script([](http::ServerResponse &r) {
        r.setHeader("Content-Length", "3");
        r.end("abc");
    }) << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n" + ka + "\r\n");
    QTest::newRow("empty-end") << Script([](http::ServerResponse &r) { r.end(); })
                               << "HTTP/1.1 200 OK\r\n" + ka + "Content-Length: 0\r\n\r\n";
    QTest::newRow("flush-headers") << Script([](http::ServerResponse &r) {
        r.flushHeaders();
        r.end();
    }) << "HTTP/1.1 200 OK\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n";
}

void tst_ServerResponse::head()
{
    QFETCH(Script, script);
    QFETCH(QByteArray, expected);
    auto req = request();
    TestResponse res(req.get());
    script(res);
    QCOMPARE(res.rawHeader(), expected);
    QVERIFY(res.written().startsWith(expected));
    QVERIFY(res.headersSent());
    QVERIFY(res.writableEnded());
}

void tst_ServerResponse::headForRequestKinds_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("minor");
    QTest::addColumn<QByteArrayList>("raw");
    QTest::addColumn<bool>("writeFirst");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("head-end-data")
        << QByteArray("HEAD") << 1 << QByteArrayList() << false
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n");
    QTest::newRow("http10-end-data") << QByteArray("GET") << 0 << QByteArrayList() << false
                                     << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    QTest::newRow("http10-te-chunked-write")
        << QByteArray("GET") << 0 << QByteArrayList{"TE", "chunked"} << true
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
}

void tst_ServerResponse::headForRequestKinds()
{
    QFETCH(QByteArray, method);
    QFETCH(int, minor);
    QFETCH(QByteArrayList, raw);
    QFETCH(bool, writeFirst);
    QFETCH(QByteArray, expected);
    auto req = request(method, minor, raw);
    TestResponse res(req.get());
    if (writeFirst) {
        res.write("a");
        res.end();
    } else {
        res.end("abc");
    }
    QCOMPARE(res.rawHeader(), expected);
    if (method == "HEAD")
        QCOMPARE(res.written(), expected); // no body for HEAD
}

void tst_ServerResponse::chunkFramingAndTrailers()
{
    auto req = request();
    TestResponse res(req.get());
    QVERIFY(!res.setHeader("Trailer", "X-Sum"));
    res.write("hello");
    res.write(QByteArray(17, 'x'));
    res.write(""); // an empty write sends nothing, not a last chunk
    QVERIFY(!res.addTrailers({{"X-Sum", "22"}}));
    QVERIFY(!res.end());
    QCOMPARE(res.written(), res.rawHeader() + "5\r\nhello\r\n11\r\n" + QByteArray(17, 'x') +
                                "\r\n0\r\nX-Sum: 22\r\n\r\n");
}

void tst_ServerResponse::trailersDroppedWithoutChunking()
{
    auto req = request("GET", 0);
    TestResponse res(req.get());
    QVERIFY(!res.addTrailers({{"X-Sum", "1"}}));
    QVERIFY(!res.end("body"));
    QCOMPARE(res.written(), QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody"));
}

void tst_ServerResponse::errors()
{
    {
        auto req = request("GET", 0);
        TestResponse res(req.get());
        res.setHeader("Trailer", "X");
        const http::HttpError e = res.end("abc");
        QCOMPARE(e.code(), QByteArray("ERR_HTTP_TRAILER_INVALID"));
        QCOMPARE(e.message(), QStringLiteral("Trailers are invalid with this transfer encoding"));
        QVERIFY(!res.headersSent());
    }
    auto req = request();
    TestResponse res(req.get());
    QCOMPARE(res.writeHead(99).message(), QStringLiteral("Invalid status code: 99"));
    QCOMPARE(res.writeHead(1000).code(), QByteArray("ERR_HTTP_INVALID_STATUS_CODE"));
    QCOMPARE(res.addTrailers({{"a b", "1"}}).message(),
             QStringLiteral("Trailer name must be a valid HTTP token [\"a b\"]"));
    QCOMPARE(res.addTrailers({{"a", "1\n"}}).message(),
             QStringLiteral("Invalid character in trailer content [\"a\"]"));
    QCOMPARE(res.setHeader("x", "a\r\nInjected: yes").code(), QByteArray("ERR_INVALID_CHAR"));
    QCOMPARE(res.setHeader("bad name", "v").code(), QByteArray("ERR_INVALID_HTTP_TOKEN"));
    res.setStatusMessage("a\nb");
    QCOMPARE(res.end().message(), QStringLiteral("Invalid character in statusMessage"));
    res.setStatusMessage("OK");
    QVERIFY(!res.end());
    const http::HttpError sent = res.setHeader("a", "b");
    QCOMPARE(sent.code(), QByteArray("ERR_HTTP_HEADERS_SENT"));
    QCOMPARE(sent.message(),
             QStringLiteral("Cannot set headers after they are sent to the client"));
    QCOMPARE(res.removeHeader("a").message(),
             QStringLiteral("Cannot remove headers after they are sent to the client"));
    QCOMPARE(res.writeHead(200).message(),
             QStringLiteral("Cannot write headers after they are sent to the client"));
}

void tst_ServerResponse::headerStore()
{
    auto req = request();
    TestResponse res(req.get());
    res.setHeader("X-Up", "1");
    res.setHeader("set-cookie", QByteArrayList{"a"});
    QVERIFY(!res.appendHeader("x-up", "2"));
    QCOMPARE(res.getHeaderNames(), (QByteArrayList{"x-up", "set-cookie"}));
    QCOMPARE(res.getRawHeaderNames(), (QByteArrayList{"X-Up", "set-cookie"}));
    QCOMPARE(res.getHeader("X-UP"), QByteArray("1, 2"));
    QCOMPARE(res.getHeaderValues("x-up"), (QByteArrayList{"1", "2"}));
    QVERIFY(res.hasHeader("SET-COOKIE"));
    QVERIFY(res.getHeader("missing").isNull());
    QCOMPARE(res.getHeaders().values("set-cookie"), QByteArrayList{"a"});
    res.removeHeader("X-UP");
    QVERIFY(!res.hasHeader("x-up"));
    res.end();
    QVERIFY(res.rawHeader().startsWith("HTTP/1.1 200 OK\r\nset-cookie: a\r\n"));
}

void tst_ServerResponse::writeAfterEndIsReported()
{
    auto req = request();
    TestResponse res(req.get());
    QSignalSpy errors(&res, &http::OutgoingMessage::errorOccurred);
    res.end("x");
    QVERIFY(!res.write("late"));
    QVERIFY(errors.wait(1000));
    QCOMPARE(errors.first().first().value<http::HttpError>().code(),
             QByteArray("ERR_STREAM_WRITE_AFTER_END"));
    QVERIFY(!res.written().contains("late"));
}

void tst_ServerResponse::writeContinueGoesFirst()
{
    auto req = request();
    TestResponse res(req.get());
    res.writeContinue();
    res.writeProcessing();
    res.end("x");
    QVERIFY(res.written().startsWith(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\n"));
}

void tst_ServerResponse::finishedAndCork()
{
    auto req = request();
    TestResponse res(req.get());
    QSignalSpy finished(&res, &http::OutgoingMessage::finished);
    res.cork();
    res.write("a");
    const qsizetype before = res.written().size();
    QCOMPARE(before, 0); // held while corked
    res.uncork();
    QVERIFY(res.written().endsWith("1\r\na\r\n"));
    QVERIFY(!res.writableFinished());
    res.end();
    QVERIFY(res.isFinished());
    QVERIFY(finished.wait(1000));
    QVERIFY(res.writableFinished());
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ServerResponse)
#include "tst_serverresponse.moc"
