// IncomingMessage as a readable: buffering, flowing, backpressure, end and abort.
#include "incomingmessage.h"
#include "messagetransport.h"

#include <QSignalSpy>
#include <QTest>

namespace {

struct FakeTransport : http::MessageTransport {
    QList<bool> pauses;
    int timeout = -1;
    int destroyed = 0;
    void setReadingPaused(bool paused) override { pauses.append(paused); }
    void setSocketTimeout(int msecs) override { timeout = msecs; }
    void destroySocket() override { ++destroyed; }
};

} // namespace

class tst_IncomingMessage : public QObject {
    Q_OBJECT
private slots:
    void headFields();
    void dataWaitsForAListener();
    void flowingDataIsDeliveredAtOnce();
    void endIsQueuedAfterData();
    void backpressure();
    void pauseHoldsEnd();
    void abortBeforeComplete();
    void abortAfterCompleteOnlyCloses();
    void trailers();
    void transportCalls();
};

void tst_IncomingMessage::headFields()
{
    http::IncomingMessage m;
    m.setHead(1, 0, "POST", "/x?y", 0, {}, {"Host", "h", "Cookie", "a", "cookie", "b"}, false);
    QCOMPARE(m.httpVersion(), QByteArray("1.0"));
    QCOMPARE(m.method(), QByteArray("POST"));
    QCOMPARE(m.url(), QByteArray("/x?y"));
    QCOMPARE(m.headers().value("cookie"), QByteArray("a; b"));
    QCOMPARE(m.rawHeaders().size(), 6);
    QVERIFY(!m.complete());
}

void tst_IncomingMessage::dataWaitsForAListener()
{
    http::IncomingMessage m;
    m.pushBody("abc");
    m.pushBody("def");
    QCOMPARE(m.readableLength(), 6);
    QSignalSpy data(&m, &http::IncomingMessage::dataReceived);
    QVERIFY(data.wait(1000)); // connecting a listener makes buffered data flow
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[0][0].toByteArray() + data[1][0].toByteArray(), QByteArray("abcdef"));
    QCOMPARE(m.readableLength(), 0);
}

void tst_IncomingMessage::flowingDataIsDeliveredAtOnce()
{
    // As a Node Readable: data pushed before the stream started flowing waits for the next tick
    // (`state.sync`); once it flows, each push is delivered at once.
    http::IncomingMessage m;
    QByteArray got;
    connect(&m, &http::IncomingMessage::dataReceived, this, [&](const QByteArray &c) { got += c; });
    m.pushBody("xy");
    QCOMPARE(got, QByteArray());
    QTRY_COMPARE(got, QByteArray("xy"));
    m.pushBody("z");
    QCOMPARE(got, QByteArray("xyz"));
}

void tst_IncomingMessage::endIsQueuedAfterData()
{
    http::IncomingMessage m;
    QStringList order;
    connect(&m, &http::IncomingMessage::dataReceived, this,
            [&] { order << QStringLiteral("data"); });
    connect(&m, &http::IncomingMessage::ended, this, [&] { order << QStringLiteral("end"); });
    QTest::qWait(1); // the stream starts flowing
    m.pushBody("a");
    m.pushEnd({});
    QCOMPARE(order, QStringList{QStringLiteral("data")}); // Node emits end on the next tick
    QTRY_COMPARE(order, (QStringList{QStringLiteral("data"), QStringLiteral("end")}));
    QVERIFY(m.complete());
    QVERIFY(m.readableEnded());
}

void tst_IncomingMessage::backpressure()
{
    FakeTransport t;
    http::IncomingMessage m;
    m.setTransport(nullptr, &t);
    m.pushBody(QByteArray(m.readableHighWaterMark() - 1, 'a'));
    QVERIFY(t.pauses.isEmpty());
    m.pushBody("b");
    QCOMPARE(t.pauses, QList<bool>{true});
    QCOMPARE(m.read().size(), m.readableHighWaterMark());
    QCOMPARE(t.pauses, (QList<bool>{true, false}));
}

void tst_IncomingMessage::pauseHoldsEnd()
{
    http::IncomingMessage m;
    QByteArray got;
    QSignalSpy ended(&m, &http::IncomingMessage::ended);
    connect(&m, &http::IncomingMessage::dataReceived, this, [&](const QByteArray &c) { got += c; });
    m.pause();
    m.pushBody("held");
    m.pushEnd({});
    QTest::qWait(20);
    QVERIFY(got.isEmpty());
    QCOMPARE(ended.size(), 0);
    m.resume();
    QVERIFY(ended.wait(1000));
    QCOMPARE(got, QByteArray("held"));
}

void tst_IncomingMessage::abortBeforeComplete()
{
    http::IncomingMessage m;
    QSignalSpy aborted(&m, &http::IncomingMessage::aborted);
    QSignalSpy errors(&m, &http::IncomingMessage::errorOccurred);
    QSignalSpy closed(&m, &http::IncomingMessage::closed);
    m.pushBody("part");
    m.abort();
    QCOMPARE(aborted.size(), 1); // at once, as Node emits 'aborted'
    QVERIFY(m.isAborted());
    QCOMPARE(closed.size(), 0); // 'error' and 'close' come on the next tick
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().value<http::HttpError>().code(), QByteArray("ECONNRESET"));
    m.abort();
    QTest::qWait(10);
    QCOMPARE(closed.size(), 1);
}

void tst_IncomingMessage::abortAfterCompleteOnlyCloses()
{
    http::IncomingMessage m;
    QSignalSpy aborted(&m, &http::IncomingMessage::aborted);
    QSignalSpy closed(&m, &http::IncomingMessage::closed);
    m.pushEnd({});
    m.abort();
    QCOMPARE(aborted.size(), 0);
    QVERIFY(!m.isAborted());
    QCOMPARE(closed.size(), 1);
}

void tst_IncomingMessage::trailers()
{
    http::IncomingMessage m;
    m.pushEnd({"X-A", "1", "x-a", "2"});
    QCOMPARE(m.rawTrailers(), (QByteArrayList{"X-A", "1", "x-a", "2"}));
    QCOMPARE(m.trailers().value("x-a"), QByteArray("1, 2"));
}

void tst_IncomingMessage::transportCalls()
{
    FakeTransport t;
    http::IncomingMessage m;
    m.setTransport(nullptr, &t);
    m.setTimeout(1234);
    QCOMPARE(t.timeout, 1234);
    QSignalSpy errors(&m, &http::IncomingMessage::errorOccurred);
    m.destroy(http::HttpError("EBOOM", QStringLiteral("boom")));
    QCOMPARE(t.destroyed, 1);
    QCOMPARE(errors.size(), 1);
}

QTEST_GUILESS_MAIN(tst_IncomingMessage)
#include "tst_incomingmessage.moc"
