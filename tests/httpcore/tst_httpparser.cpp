// The llhttp bridge: what Node's parser binding reports, on llhttp 8 as strictly as Node 20.
#include "httpparser.h"

#include <QTest>

namespace {

struct Recorder : http::HttpParser::Handler {
    QList<http::HttpParser::Head> heads;
    QByteArray body;
    QList<QByteArrayList> trailers;
    int messages = 0;
    int verdict = 0;
    int onHeadersComplete(http::HttpParser::Head &head) override
    {
        heads.append(head);
        return verdict;
    }
    void onBody(const char *data, qsizetype length) override { body.append(data, length); }
    void onMessageComplete(QByteArrayList &rawTrailers) override
    {
        ++messages;
        trailers.append(rawTrailers);
    }
};

// Feeds `input` in pieces of `step` bytes; returns the first error.
http::HttpError feed(http::HttpParser &parser, const QByteArray &input, int step)
{
    for (qsizetype at = 0; at < input.size(); at += step) {
        const http::HttpParser::Result r =
            parser.execute(input.constData() + at, qMin<qsizetype>(step, input.size() - at));
        if (r.error)
            return r.error;
    }
    return {};
}

const QByteArray kChunked =
    "POST /up?x=1 HTTP/1.1\r\nHost: h\r\nX-Trim: v  \t\r\nTransfer-Encoding: chunked\r\n\r\n"
    "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n";

} // namespace

class tst_HttpParser : public QObject {
    Q_OBJECT
private slots:
    void requestHead();
    void everySplitGivesTheSameMessage_data();
    void everySplitGivesTheSameMessage();
    void http10KeepAlive();
    void queryMethod();
    void strictness_data();
    void strictness();
    void valueSplitAcrossBuffersIsNotObsFold();
    void headerOverflowAtTheLimit();
    void upgradeStopsAfterHead();
    void upgradeNobodyTakesGoesOn();
    void maxHeadersCount();
    void response();
    void finishCompletesCloseDelimitedBody();
};

void tst_HttpParser::requestHead()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    QVERIFY(!feed(parser, kChunked, int(kChunked.size())));
    QCOMPARE(rec.heads.size(), 1);
    const http::HttpParser::Head &h = rec.heads.first();
    QCOMPARE(h.method, QByteArray("POST"));
    QCOMPARE(h.url, QByteArray("/up?x=1"));
    QCOMPARE(h.versionMajor, 1);
    QCOMPARE(h.versionMinor, 1);
    QCOMPARE(h.rawHeaders,
             (QByteArrayList{"Host", "h", "X-Trim", "v", "Transfer-Encoding", "chunked"}));
    QVERIFY(h.shouldKeepAlive);
    QCOMPARE(rec.body, QByteArray("abcde"));
    QCOMPARE(rec.trailers.first(), (QByteArrayList{"X-T", "1"}));
    QCOMPARE(rec.messages, 1);
    QVERIFY(!parser.inMessage());
}

void tst_HttpParser::everySplitGivesTheSameMessage_data()
{
    QTest::addColumn<int>("step");
    for (int step = 1; step <= 17; ++step)
        QTest::addRow("%d", step) << step;
}

void tst_HttpParser::everySplitGivesTheSameMessage()
{
    QFETCH(int, step);
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    const http::HttpError e = feed(parser, kChunked + kChunked, step);
    QVERIFY2(!e, qPrintable(e.toString()));
    QCOMPARE(rec.messages, 2);
    QCOMPARE(rec.heads[1].rawHeaders,
             (QByteArrayList{"Host", "h", "X-Trim", "v", "Transfer-Encoding", "chunked"}));
    QCOMPARE(rec.heads[1].url, QByteArray("/up?x=1"));
    QCOMPARE(rec.body, QByteArray("abcdeabcde"));
    QCOMPARE(rec.trailers[1], (QByteArrayList{"X-T", "1"}));
}

void tst_HttpParser::http10KeepAlive()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    QVERIFY(!feed(parser, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n",
                  1000));
    QCOMPARE(rec.heads.size(), 2);
    QVERIFY(rec.heads[0].shouldKeepAlive);
    QVERIFY(!rec.heads[1].shouldKeepAlive);
    QCOMPARE(rec.heads[0].versionMinor, 0);
    // As in Node 20, nothing may follow a message that closes the connection.
    QCOMPARE(feed(parser, "GET / HTTP/1.0\r\n\r\n", 100).code(),
             QByteArray("HPE_CLOSED_CONNECTION"));
}

void tst_HttpParser::queryMethod()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    QVERIFY(!feed(parser,
                  "GET /a HTTP/1.1\r\nHost: h\r\n\r\nQUERY /q HTTP/1.1\r\nHost: "
                  "h\r\nContent-Length: 2\r\n\r\nhi",
                  4096));
    QCOMPARE(rec.heads.size(), 2);
    QCOMPARE(rec.heads[1].method, QByteArray("QUERY"));
    QCOMPARE(rec.heads[1].url, QByteArray("/q"));
    QCOMPARE(rec.body, QByteArray("hi"));
}

void tst_HttpParser::strictness_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("step");
    QTest::addColumn<QByteArray>("code");
    const QByteArray start = "GET / HTTP/1.1\r\nHost: h\r\n";
    QTest::newRow("obs-fold") << start + "X: a\r\n b\r\n\r\n"
                              << 4096 << QByteArray("HPE_INVALID_HEADER_TOKEN");
    QTest::newRow("obs-fold split before the fold") << start + "X: a\r\n b\r\n\r\n"
                                                    << 28 << QByteArray("HPE_INVALID_HEADER_TOKEN");
    QTest::newRow("obs-fold byte by byte") << start + "X: a\r\n\tb\r\n\r\n"
                                           << 1 << QByteArray("HPE_INVALID_HEADER_TOKEN");
    QTest::newRow("CR in value") << start + "X: a\rb\r\n\r\n"
                                 << 4096 << QByteArray("HPE_LF_EXPECTED");
    QTest::newRow("NUL in value") << start + QByteArray("X: a\0b\r\n\r\n", 10) << 4096
                                  << QByteArray("HPE_INVALID_HEADER_TOKEN");
    QTest::newRow("space before colon") << start + "X : a\r\n\r\n"
                                        << 4096 << QByteArray("HPE_INVALID_HEADER_TOKEN");
    QTest::newRow("bare LF after version") << QByteArray("GET / HTTP/1.1\nHost: h\r\n\r\n") << 4096
                                           << QByteArray("HPE_INVALID_VERSION");
    QTest::newRow("bare LF after version, next buffer")
        << QByteArray("GET / HTTP/1.1\nHost: h\r\n\r\n") << 14 << QByteArray("HPE_INVALID_VERSION");
    // Node 20 (llhttp 9.3) names each order differently.
    QTest::newRow("CL and TE")
        << start + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 4096 << QByteArray("HPE_INVALID_TRANSFER_ENCODING");
    QTest::newRow("TE and CL")
        << start + "Transfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n"
        << 4096 << QByteArray("HPE_INVALID_CONTENT_LENGTH");
    QTest::newRow("duplicate CL") << start + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx"
                                  << 4096 << QByteArray("HPE_UNEXPECTED_CONTENT_LENGTH");
    QTest::newRow("TE not ending in chunked")
        << start + "Transfer-Encoding: gzip\r\n\r\n"
        << 4096 << QByteArray("HPE_INVALID_TRANSFER_ENCODING");
    QTest::newRow("bad chunk size") << start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                                    << 4096 << QByteArray("HPE_INVALID_CHUNK_SIZE");
    QTest::newRow("chunk extensions overflow")
        << start + "Transfer-Encoding: chunked\r\n\r\n1;" + QByteArray(17000, 'e') + "\r\nx\r\n"
        << 4096 << QByteArray("HPE_CHUNK_EXTENSIONS_OVERFLOW");
}

void tst_HttpParser::strictness()
{
    QFETCH(QByteArray, input);
    QFETCH(int, step);
    QFETCH(QByteArray, code);
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    const http::HttpError e = feed(parser, input, step);
    QCOMPARE(e.code(), code);
    QVERIFY(e.message().startsWith(QStringLiteral("Parse Error: ")));
}

void tst_HttpParser::valueSplitAcrossBuffersIsNotObsFold()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    const QByteArray input = "GET / HTTP/1.1\r\nHost: h\r\nX-Long: abcdefghij\r\n\r\n";
    for (int step = 1; step < input.size(); ++step) {
        Recorder r;
        http::HttpParser p(http::HttpParser::Type::Request, &r, 16384);
        const http::HttpError e = feed(p, input, step);
        QVERIFY2(!e, qPrintable(QStringLiteral("step %1: %2").arg(step).arg(e.toString())));
        QCOMPARE(r.heads.first().rawHeaders.last(), QByteArray("abcdefghij"));
    }
}

void tst_HttpParser::headerOverflowAtTheLimit()
{
    // Node counts URL, names and values; 1024 of them fail with maxHeaderSize 1024.
    auto run = [](int total) {
        Recorder rec;
        http::HttpParser parser(http::HttpParser::Type::Request, &rec, 1024);
        const QByteArray pad(total - (2 + 4 + 1 + 5), 'p');
        return feed(parser, "GET /x HTTP/1.1\r\nHost: h\r\nX-Pad: " + pad + "\r\n\r\n", 64);
    };
    QVERIFY(!run(1023));
    QCOMPARE(run(1024).code(), QByteArray("HPE_HEADER_OVERFLOW"));
}

void tst_HttpParser::upgradeStopsAfterHead()
{
    Recorder rec;
    rec.verdict = 2;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    const QByteArray head =
        "GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
    const QByteArray input = head + "\x81\x02hi";
    const http::HttpParser::Result r = parser.execute(input.constData(), input.size());
    QVERIFY(r.upgraded);
    QCOMPARE(r.consumed, head.size());
    QVERIFY(rec.heads.first().upgrade);
}

void tst_HttpParser::upgradeNobodyTakesGoesOn()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    const QByteArray one =
        "GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
    const QByteArray input = one + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n";
    const http::HttpParser::Result r = parser.execute(input.constData(), input.size());
    QVERIFY(!r.upgraded);
    QVERIFY(!r.error);
    QCOMPARE(rec.messages, 2);
    QCOMPARE(rec.heads[1].url, QByteArray("/next"));
}

void tst_HttpParser::maxHeadersCount()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Request, &rec, 16384);
    parser.setMaxHeadersCount(2);
    QVERIFY(!feed(parser, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 100));
    QCOMPARE(rec.heads.first().rawHeaders, (QByteArrayList{"A", "1", "B", "2"}));
}

void tst_HttpParser::response()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Response, &rec, 16384);
    QVERIFY(!feed(parser, "HTTP/1.1 418 Short And Stout\r\nContent-Length: 2\r\n\r\nok", 7));
    QCOMPARE(rec.heads.first().statusCode, 418);
    QCOMPARE(rec.heads.first().statusMessage, QByteArray("Short And Stout"));
    QCOMPARE(rec.body, QByteArray("ok"));
}

void tst_HttpParser::finishCompletesCloseDelimitedBody()
{
    Recorder rec;
    http::HttpParser parser(http::HttpParser::Type::Response, &rec, 16384);
    QVERIFY(!feed(parser, "HTTP/1.0 200 OK\r\n\r\nuntil close", 100));
    QCOMPARE(rec.messages, 0);
    QVERIFY(!parser.finish());
    QCOMPARE(rec.messages, 1);
    QCOMPARE(rec.body, QByteArray("until close"));
}

QTEST_GUILESS_MAIN(tst_HttpParser)
#include "tst_httpparser.moc"
