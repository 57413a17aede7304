// EventsModel under QAbstractItemModelTester: a live trace appends, a new one starts over.
#include "eventsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_EventsModel : public QObject {
    Q_OBJECT
private slots:
    void appendsThenResets();
};

void tst_EventsModel::appendsThenResets()
{
    EventsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.update({{0.25, QStringLiteral("socket")}});
    model.update({{0.25, QStringLiteral("socket")}, {1.5, QStringLiteral("finish")}});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("1.500"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("finish"));
    model.update({{0.1, QStringLiteral("socket")}});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_EventsModel)
#include "tst_eventsmodel.moc"
