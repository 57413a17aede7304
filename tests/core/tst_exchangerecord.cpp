// ExchangeRecord: what history keeps of an exchange reads back as it was shown, within its caps.
#include "exchangerecord.h"

#include <QJsonArray>
#include <QTest>

using namespace wb;

class tst_ExchangeRecord : public QObject {
    Q_OBJECT
private slots:
    void roundTrip();
    void bodyAndWireAreCapped();
    void failureWithoutResponse();
    void textCutMidCharacterStaysText();
    void olderEntriesHaveNoWire();
};

namespace {

ExchangeRecord sample(const QByteArray &body)
{
    ExchangeRecord r;
    r.url = QStringLiteral("http://localhost:8080/x");
    r.hasResponse = true;
    r.httpVersion = "1.1";
    r.statusCode = 200;
    r.statusMessage = "OK";
    r.rawHeaders = {"Content-Type", "application/octet-stream", "Set-Cookie", "a=1", "set-cookie",
                    "b=2"};
    r.rawTrailers = {"X-Sum", "7"};
    r.body = body;
    r.bodySize = body.size();
    r.complete = true;
    r.events = {{QStringLiteral("socket"), 0.5}, {QStringLiteral("response"), 2.25}};
    r.timings = {{QStringLiteral("socket"), 0.5}, {QStringLiteral("end"), 3.0}};
    r.wire = {{http::StreamSocket::Direction::Sent, "GET /x HTTP/1.1\r\n\r\n", 1.0},
              {http::StreamSocket::Direction::Received, "HTTP/1.1 200 OK\r\n\r\n" + body, 2.0}};
    r.bytesSent = 19;
    r.bytesReceived = 19 + body.size();
    r.elapsedMs = 3.5;
    r.done = true;
    r.hops = {QStringLiteral("302 http://localhost:8080/old")};
    r.connection = {QStringLiteral("localhost:8080:"), 3, true};
    return r;
}

} // namespace

void tst_ExchangeRecord::roundTrip()
{
    const QByteArray binary("\x00\xff\x80 binary\r\n", 13);
    const ExchangeRecord r = sample(binary);
    const QJsonObject o = r.toJson(1024);
    // Node's shape is there for HAR and `send --json` readers…
    QCOMPARE(o.value(QStringLiteral("statusCode")).toInt(), 200);
    QCOMPARE(o.value(QStringLiteral("headers")).toObject().value(QStringLiteral("set-cookie")),
             QJsonArray({QStringLiteral("a=1"), QStringLiteral("b=2")}));
    QVERIFY(!o.contains(QStringLiteral("body"))); // binary: once, as base64
    // …and everything comes back byte for byte.
    const ExchangeRecord back = ExchangeRecord::fromJson(o);
    QCOMPARE(back.url, r.url);
    QCOMPARE(back.statusMessage, r.statusMessage);
    QCOMPARE(back.rawHeaders, r.rawHeaders);
    QCOMPARE(back.rawTrailers, r.rawTrailers);
    QCOMPARE(back.body, binary);
    QCOMPARE(back.bodySize, qint64(binary.size()));
    QCOMPARE(back.events.size(), 2);
    QCOMPARE(back.events[1].name, QStringLiteral("response"));
    QCOMPARE(back.events[1].ms, 2.25);
    QCOMPARE(back.timings, r.timings);
    QCOMPARE(back.wire.size(), 2);
    QCOMPARE(back.wire[1].bytes, r.wire[1].bytes);
    QCOMPARE(back.wire[0].direction, http::StreamSocket::Direction::Sent);
    QCOMPARE(back.bytesReceived, r.bytesReceived);
    QCOMPARE(back.hops, r.hops);
    QCOMPARE(back.connection.pool, QStringLiteral("localhost:8080:"));
    QCOMPARE(back.connection.socket, quint64(3));
    QVERIFY(back.connection.reused);
    QVERIFY(back.done && back.complete && !back.error);
}

void tst_ExchangeRecord::bodyAndWireAreCapped()
{
    const QByteArray big(10000, 'a');
    const QJsonObject o = sample(big).toJson(4096);
    const ExchangeRecord back = ExchangeRecord::fromJson(o);
    QCOMPARE(back.body, big.left(4096)); // the start, as text
    QCOMPARE(back.bodySize, qint64(10000));
    qsizetype kept = 0;
    for (const Exchange::WireChunk &c : back.wire)
        kept += c.bytes.size();
    QCOMPARE(kept, qsizetype(4096));
    QCOMPARE(back.wireOmitted, qint64(19 + 19 + 10000 - 4096));
}

void tst_ExchangeRecord::failureWithoutResponse()
{
    ExchangeRecord r;
    r.error = http::HttpError("ECONNREFUSED", QStringLiteral("connect ECONNREFUSED 127.0.0.1:1"));
    r.events = {{QStringLiteral("socket"), 0.1}, {QStringLiteral("error"), 0.4}};
    r.done = true;
    const QJsonObject o = r.toJson(1024);
    QVERIFY(!o.contains(QStringLiteral("statusCode")));
    const ExchangeRecord back = ExchangeRecord::fromJson(o);
    QVERIFY(!back.hasResponse);
    QCOMPARE(back.error.code(), QByteArray("ECONNREFUSED"));
    QCOMPARE(back.error.message(), r.error.message());
    QVERIFY(back.wire.isEmpty());
}

void tst_ExchangeRecord::textCutMidCharacterStaysText()
{
    // 4095 ASCII bytes, then "é" (2 bytes): a 4096-byte cut splits it; the start stays text.
    const QByteArray body = QByteArray(4095, 'a') + "\xc3\xa9 and more";
    const QJsonObject o = sample(body).toJson(4096);
    QVERIFY(o.contains(QStringLiteral("body")));
    QVERIFY(!o.contains(QStringLiteral("bodyBase64")));
    QCOMPARE(ExchangeRecord::fromJson(o).body, QByteArray(4095, 'a'));
    // A body of binary bytes over the cap goes as base64, cut at the cap, and only once.
    QByteArray binary(10000, '\xff');
    const QJsonObject b = sample(binary).toJson(4096);
    QVERIFY(!b.contains(QStringLiteral("body")));
    QCOMPARE(ExchangeRecord::fromJson(b).body.size(), 4096);
}

void tst_ExchangeRecord::olderEntriesHaveNoWire()
{
    // History written before the wire was kept: nothing is made up about what was sent.
    QJsonObject o = sample("x").toJson(1024);
    o.remove(QStringLiteral("wire"));
    QVERIFY(!ExchangeRecord::fromJson(o).wireKept);
    QVERIFY(ExchangeRecord::fromJson(sample("x").toJson(1024)).wireKept);
}

QTEST_GUILESS_MAIN(tst_ExchangeRecord)
#include "tst_exchangerecord.moc"
