// HeaderEditModel under QAbstractItemModelTester: checkboxes, editing, Node's validation.
#include "headereditmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class tst_HeaderEditModel : public QObject {
    Q_OBJECT
private slots:
    void editCheckAndValidate();
    void queryParametersAreNotHeaders();
};

void tst_HeaderEditModel::editCheckAndValidate()
{
    HeaderEditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"Accept", "*/*"}, {"X-Off", "1"}});
    QVERIFY(model.setData(model.index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.enabledHeaders(), (QList<QPair<QByteArray, QByteArray>>{{"Accept", "*/*"}}));

    model.appendRow();
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.setData(model.index(2, 0), QStringLiteral("Bad Name")));
    QCOMPARE(model.index(2, 1).data(HeaderEditModel::ProblemRole).toString(),
             QStringLiteral("Header name must be a valid HTTP token [\"Bad Name\"]"));
    QCOMPARE(model.firstProblem(),
             QStringLiteral("Header name must be a valid HTTP token [\"Bad Name\"]"));
    QVERIFY(model.setData(model.index(2, 0), QStringLiteral("X-Ok")));
    QVERIFY(model.setData(model.index(2, 1), QStringLiteral("line\nbreak")));
    QCOMPARE(model.firstProblem(),
             QStringLiteral("Invalid character in header content [\"X-Ok\"]"));
    QCOMPARE(model.enabledHeaders().size(), 1); // invalid rows are never sent
    QVERIFY(model.setData(model.index(2, 1), QStringLiteral("fine")));
    QVERIFY(model.firstProblem().isEmpty());
    QCOMPARE(model.enabledHeaders().size(), 2);
    model.removeRow(0);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsUserCheckable);
    QVERIFY(!(model.flags(model.index(0, 1)) & Qt::ItemIsUserCheckable));
}

void tst_HeaderEditModel::queryParametersAreNotHeaders()
{
    HeaderEditModel model(nullptr, HeaderEditModel::Kind::QueryParameters);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRow();
    QVERIFY(model.setData(model.index(0, 0), QStringLiteral("a b")));
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral("café & co")));
    QVERIFY(model.firstProblem().isEmpty());
    QCOMPARE(model.enabledHeaders().first().second, QByteArray("caf\xc3\xa9 & co"));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Parameter"));
}

QTEST_MAIN(tst_HeaderEditModel)
#include "tst_headereditmodel.moc"
