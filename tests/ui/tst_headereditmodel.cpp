// HeaderEditModel under QAbstractItemModelTester: checkboxes, editing, Node's validation.
#include "headereditmodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

class tst_HeaderEditModel : public QObject {
    Q_OBJECT
private slots:
    void editCheckAndValidate();
    void queryParametersAreNotHeaders();
    void implicitRowsFollowTheUsersAndAreReadOnly();
    void formFieldsMarkFiles();
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

void tst_HeaderEditModel::implicitRowsFollowTheUsersAndAreReadOnly()
{
    HeaderEditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"Accept", "*/*"}});
    model.setImplicit({{"Host", "h:81", QStringLiteral("client")},
                       {"Connection", "keep-alive", QStringLiteral("client")}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.userRowCount(), 1);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Host"));
    QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("keep-alive"));
    QCOMPARE(model.index(1, 1).data(Qt::ToolTipRole).toString(), QStringLiteral("client"));
    QVERIFY(model.index(1, 0).data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(model.flags(model.index(1, 0)), Qt::ItemIsEnabled);
    QVERIFY(!model.setData(model.index(1, 1), QStringLiteral("other")));
    QVERIFY(!model.index(1, 0).data(Qt::CheckStateRole).isValid());
    // Only the user's rows are sent; a new row goes before the greyed ones.
    QCOMPARE(model.enabledHeaders().size(), 1);
    model.appendRow();
    QCOMPARE(model.userRowCount(), 2);
    QVERIFY(model.index(1, 0).data().toString().isEmpty());
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Host"));
    // The same rows again change nothing (the composer recomputes them after every edit).
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setImplicit({{"Host", "h:81", QStringLiteral("client")},
                       {"Connection", "keep-alive", QStringLiteral("client")}});
    QCOMPARE(changed.count(), 0);
    // Fewer, more, the same number: the tester checks every signal.
    model.setImplicit({{"Host", "h", QString()}});
    QCOMPARE(model.rowCount(), 3);
    model.setImplicit({{"Host", "h", QString()}, {"A", "1", QString()}, {"B", "2", QString()}});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(4, 0).data().toString(), QStringLiteral("B"));
    model.removeRow(3); // not the user's: nothing happens
    QCOMPARE(model.rowCount(), 5);
    model.setImplicit({});
    QCOMPARE(model.rowCount(), 2);
}

void tst_HeaderEditModel::formFieldsMarkFiles()
{
    HeaderEditModel model(nullptr, HeaderEditModel::Kind::FormFields);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), 3);
    model.setFields({{true, QStringLiteral("name"), QStringLiteral("Ada"), false}});
    model.appendRow();
    QVERIFY(model.setData(model.index(1, 0), QStringLiteral("avatar")));
    QVERIFY(model.setData(model.index(1, 1), QStringLiteral("/tmp/a.png")));
    QVERIFY(model.setData(model.index(1, HeaderEditModel::File), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.setData(model.index(1, HeaderEditModel::File), QStringLiteral("text")));
    const QList<wb::RequestBody::Field> fields = model.fields();
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields[1], (wb::RequestBody::Field{true, QStringLiteral("avatar"),
                                                QStringLiteral("/tmp/a.png"), true}));
    QCOMPARE(model.headerData(HeaderEditModel::File, Qt::Horizontal).toString(),
             QStringLiteral("File"));
}

QTEST_MAIN(tst_HeaderEditModel)
#include "tst_headereditmodel.moc"
