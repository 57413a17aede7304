// HeadersModel under QAbstractItemModelTester: raw order, case and duplicates kept.
#include "headersmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class tst_HeadersModel : public QObject {
    Q_OBJECT
private slots:
    void keepsWhatWasReceived();
};

void tst_HeadersModel::keepsWhatWasReceived()
{
    HeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setRaw({"Set-Cookie", "a=1", "set-cookie", "b=2", "X-Caf\xe9", "\xe9t\xe9"});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("set-cookie"));
    QCOMPARE(model.index(2, 1).data().toString(),
             QStringLiteral("été")); // Latin-1, as Node reads it
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    model.setRaw({"Odd"});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 1).data().toString(), QString());
}

QTEST_MAIN(tst_HeadersModel)
#include "tst_headersmodel.moc"
