// NextTick: Node's process.nextTick order and lifetime rules.
#include "nexttick.h"

#include <QTest>

class tst_NextTick : public QObject {
    Q_OBJECT
private slots:
    void runsLaterInOrder();
    void tasksQueuedWhileRunningRunNextBatch();
    void droppedWhenContextDies();
    void nestedEventLoopInsideATask();
};

void tst_NextTick::runsLaterInOrder()
{
    QList<int> order;
    http::NextTick::post(this, [&] { order << 1; });
    http::NextTick::post(this, [&] { order << 2; });
    QVERIFY(order.isEmpty());
    QTRY_COMPARE(order, (QList<int>{1, 2}));
}

void tst_NextTick::tasksQueuedWhileRunningRunNextBatch()
{
    QList<int> order;
    http::NextTick::post(this, [&] {
        order << 1;
        http::NextTick::post(this, [&] { order << 3; });
    });
    http::NextTick::post(this, [&] { order << 2; });
    QTRY_COMPARE(order, (QList<int>{1, 2, 3}));
}

void tst_NextTick::droppedWhenContextDies()
{
    bool ran = false;
    auto *context = new QObject;
    http::NextTick::post(context, [&] { ran = true; });
    delete context;
    bool after = false;
    http::NextTick::post(this, [&] { after = true; });
    QTRY_VERIFY(after);
    QVERIFY(!ran);
}

void tst_NextTick::nestedEventLoopInsideATask()
{
    // A task that waits in a nested loop (a modal dialog, QTest::qWait) sees later tasks run
    // inside it; the rest of its own batch still runs once, in order, afterwards.
    QList<int> order;
    http::NextTick::post(this, [&] {
        order << 1;
        http::NextTick::post(this, [&] { order << 2; });
        QTRY_VERIFY(order.contains(2));
        order << 3;
    });
    http::NextTick::post(this, [&] { order << 4; });
    QTRY_COMPARE(order, (QList<int>{1, 2, 3, 4}));
    QTest::qWait(10);
    QCOMPARE(order, (QList<int>{1, 2, 3, 4}));
    for (int round = 0; round < 3; ++round) // and the vectors are fine for the next batches
        http::NextTick::post(this, [&, round] { order << 10 + round; });
    QTRY_COMPARE(order.size(), 7);
    QCOMPARE(order.mid(4), (QList<int>{10, 11, 12}));
}

QTEST_GUILESS_MAIN(tst_NextTick)
#include "tst_nexttick.moc"
