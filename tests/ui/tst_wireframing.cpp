// WireFraming: which bytes are heads, bodies, chunk framing and trailers, whether a stream comes
// in one piece or a byte at a time.
#include "wireframing.h"

#include <QRandomGenerator>
#include <QTest>

class tst_WireFraming : public QObject {
    Q_OBJECT
private slots:
    void parts_data();
    void parts();
    void anyBytesAreCoveredOnce();
};

namespace {

// One letter per byte: H head, B body, F chunk framing, T trailers.
QByteArray letters(const QList<WireFraming::Span> &spans, qsizetype offset, QByteArray &out)
{
    for (const WireFraming::Span &s : spans) {
        const char letter = "HBFT"[int(s.part)];
        if (out.size() < offset + s.start + s.length)
            out.resize(offset + s.start + s.length, '?');
        for (qsizetype i = 0; i < s.length; ++i)
            out[offset + s.start + i] = letter;
    }
    return out;
}

} // namespace

void tst_WireFraming::parts_data()
{
    QTest::addColumn<bool>("responses");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n";
    QTest::newRow("content-length") << true << head + "abc" << QByteArray(head.size(), 'H') + "BBB";
    QTest::newRow("two responses on one connection")
        << true << head + "abc" + head + "xyz"
        << QByteArray(head.size(), 'H') + "BBB" + QByteArray(head.size(), 'H') + "BBB";

    const QByteArray chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunked with trailers")
        << true << chunkedHead + "5;ext=1\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"
        << QByteArray(chunkedHead.size(), 'H') + "FFFFFFFFF" + "BBBBB" + "FF" + "FFF" +
               "TTTTTTTTTT" + "TT";
    QTest::newRow("chunk size in hex, upper case")
        << true << chunkedHead + "A\r\n0123456789\r\n0\r\n\r\n"
        << QByteArray(chunkedHead.size(), 'H') + "FFF" + QByteArray(10, 'B') + "FF" + "FFF" + "TT";

    QTest::newRow("a size that is not one: the rest is body")
        << true << chunkedHead + "-5\r\nabc"
        << QByteArray(chunkedHead.size(), 'H') + "FFFF" + "BBB";

    const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
    QTest::newRow("1xx then the response")
        << true << interim + head + "abc" << QByteArray(interim.size() + head.size(), 'H') + "BBB";
    const QByteArray noContent = "HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n";
    QTest::newRow("204 has no body") << true << noContent + head + "abc"
                                     << QByteArray(noContent.size() + head.size(), 'H') + "BBB";
    const QByteArray closeHead = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
    QTest::newRow("until close") << true << closeHead + "0\r\n\r\nall body"
                                 << QByteArray(closeHead.size(), 'H') + QByteArray(13, 'B');

    const QByteArray get = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
    QTest::newRow("requests without bodies")
        << false << get + get << QByteArray(get.size() * 2, 'H');
    const QByteArray post = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunked request") << false << post + "2\r\nab\r\n0\r\n\r\n" + get
                                     << QByteArray(post.size(), 'H') + "FFF" + "BB" + "FF" + "FFF" +
                                            "TT" + QByteArray(get.size(), 'H');
}

void tst_WireFraming::parts()
{
    QFETCH(bool, responses);
    QFETCH(QByteArray, stream);
    QFETCH(QByteArray, expected);
    QCOMPARE(expected.size(), stream.size()); // the expectation itself is well formed

    QByteArray whole;
    WireFraming once(responses);
    letters(once.feed(stream), 0, whole);
    QCOMPARE(whole, expected);

    // The same stream a byte at a time (and in uneven pieces) is framed the same way.
    for (const qsizetype piece : {qsizetype(1), qsizetype(7)}) {
        QByteArray split;
        WireFraming framing(responses);
        for (qsizetype at = 0; at < stream.size(); at += piece)
            letters(framing.feed(stream.mid(at, piece)), at, split);
        QCOMPARE(split, expected);
    }
}

void tst_WireFraming::anyBytesAreCoveredOnce()
{
    // Streams stitched from HTTP-ish pieces and noise, cut at random: whatever comes, every byte
    // gets exactly one part, in order, and feed() always returns (no piece of input loops).
    const QByteArrayList pieces{"HTTP/1.1 200 OK\r\n",
                                "HTTP/1.1 100 Continue\r\n",
                                "Transfer-Encoding: chunked\r\n",
                                "Content-Length: 5\r\n",
                                "Content-Length: -1\r\n",
                                "\r\n",
                                "\n",
                                "5\r\n",
                                "0\r\n",
                                "ffffffffffffffffff\r\n",
                                "-3;x\r\n",
                                "hello",
                                "X: y\r\n",
                                QByteArray(300, 'z'),
                                QByteArray("\0\xff\r", 3)};
    QRandomGenerator random(20261124);
    for (int round = 0; round < 300; ++round) {
        QByteArray stream;
        while (stream.size() < 2000)
            stream += pieces[random.bounded(int(pieces.size()))];
        WireFraming framing(random.bounded(2) == 0);
        qsizetype covered = 0;
        for (qsizetype at = 0; at < stream.size();) {
            const qsizetype n = qMin<qsizetype>(1 + random.bounded(64), stream.size() - at);
            for (const WireFraming::Span &span : framing.feed(stream.mid(at, n))) {
                QCOMPARE(at + span.start, covered);
                QVERIFY(span.length > 0);
                covered += span.length;
            }
            at += n;
            QCOMPARE(covered, at);
            if (random.bounded(50) == 0)
                framing.endOfStream();
        }
    }
}

QTEST_APPLESS_MAIN(tst_WireFraming)
#include "tst_wireframing.moc"
