// Exchange: one request as the app and `send` run it; here, the bounded wire capture (the first
// and the last bytes kept, the middle counted) against a real server on 127.0.0.1.
#include "agent.h"
#include "exchange.h"
#include "incomingmessage.h"
#include "request.h"
#include "server.h"
#include "serverresponse.h"

#include <QTest>

using namespace wb;

class tst_Exchange : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void wireKeepsHeadAndTail_data();
    void wireKeepsHeadAndTail();

private:
    http::Server m_server;
    QByteArray m_big;
};

void tst_Exchange::initTestCase()
{
    // 3 MiB in 64 KiB writes, so the capture sees many chunks; "THE END" closes it.
    for (int i = 0; m_big.size() < 3 * 1024 * 1024; ++i)
        m_big += QByteArray::number(i).rightJustified(8, '0') + '\n';
    m_big += "THE END";
    connect(&m_server, &http::Server::requestReceived, this,
            [this](http::IncomingMessage *req, http::ServerResponse *res) {
                req->resume();
                if (req->url() == "/small")
                    return void(res->end("hi"));
                for (qsizetype at = 0; at < m_big.size(); at += 64 * 1024)
                    res->write(m_big.mid(at, 64 * 1024));
                res->end();
            });
    QVERIFY(!m_server.listen(0, QStringLiteral("127.0.0.1")));
}

void tst_Exchange::wireKeepsHeadAndTail_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("head");
    QTest::addColumn<qint64>("tail");
    QTest::addColumn<bool>("gap");
    QTest::newRow("head and tail") << "/big" << qint64(100000) << qint64(100000) << true;
    QTest::newRow("head only") << "/big" << qint64(100000) << qint64(0) << false;
    QTest::newRow("tail only") << "/big" << qint64(0) << qint64(100000) << true;
    QTest::newRow("all fits") << "/big" << qint64(8 << 20) << qint64(0) << false;
    QTest::newRow("small, defaults") << "/small" << qint64(4 << 20) << qint64(4 << 20) << false;
}

void tst_Exchange::wireKeepsHeadAndTail()
{
    QFETCH(QString, path);
    QFETCH(qint64, head);
    QFETCH(qint64, tail);
    QFETCH(bool, gap);
    Request r;
    r.url = QStringLiteral("http://localhost:%1%2").arg(m_server.port()).arg(path);
    Request::Prepared prepared = r.prepare({});
    prepared.wireHead = head;
    prepared.wireTail = tail;
    Exchange x(prepared, nullptr, Exchange::Detail::Full);
    QTRY_VERIFY_WITH_TIMEOUT(x.isDone(), 20000);
    QVERIFY2(!x.error(), qPrintable(x.error().message()));
    QCOMPARE(x.body(), path == QLatin1String("/big") ? m_big : QByteArray("hi"));

    const QList<Exchange::WireChunk> wire = x.wire();
    qint64 kept = 0, gaps = 0;
    int gapAt = -1;
    for (int i = 0; i < wire.size(); ++i) {
        kept += wire[i].bytes.size();
        if (wire[i].omittedBefore > 0) {
            QCOMPARE(gapAt, -1); // one gap at most
            gapAt = i;
            gaps += wire[i].omittedBefore;
        }
    }
    // Every byte is either kept or counted, and the gap is where the bytes are missing.
    QCOMPARE(kept + x.wireOmitted(), x.bytesSent() + x.bytesReceived());
    QCOMPARE(gaps, tail > 0 ? x.wireOmitted() : 0); // head only: the rest is after the end
    QCOMPARE(gapAt >= 0, gap);
    QVERIFY(kept <= head + tail + 64 * 1024);
    if (head > 0)
        QVERIFY(wire.first().bytes.startsWith("GET " + path.toLatin1() + " HTTP/1.1\r\n"));
    if (tail > 0 || x.wireOmitted() == 0) // the end of the exchange is there
        QVERIFY(wire.last().bytes.endsWith(path == QLatin1String("/big") ? "THE END\r\n0\r\n\r\n"
                                                                         : "hi"));
    if (gap) // as much as allowed was kept (a chunk counts 64 bytes more than its bytes)
        QVERIFY(kept + 64 * wire.size() >= head + tail);
    if (!gap && tail == 0 && head < x.bytesSent() + x.bytesReceived())
        QCOMPARE(kept + 64 * wire.size(), head);
}

QTEST_GUILESS_MAIN(tst_Exchange)
#include "tst_exchange.moc"
