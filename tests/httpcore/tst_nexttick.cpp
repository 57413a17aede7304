// NextTick: Node's process.nextTick order and lifetime rules.
#include "nexttick.h"

#include <QTest>

class tst_NextTick : public QObject {
    Q_OBJECT
private slots:
    void runsLaterInOrder();
    void tasksQueuedWhileRunningRunNextBatch();
    void droppedWhenContextDies();
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

QTEST_GUILESS_MAIN(tst_NextTick)
#include "tst_nexttick.moc"
