// MockRoutesModel: routes switched off, moved, replaced, inserted and removed, each edit said.
#include "mockroutesmodel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace wb;

class tst_MockRoutesModel : public QObject {
    Q_OBJECT
private slots:
    void edits();
    void hiddenRoutesMarked();
};

void tst_MockRoutesModel::edits()
{
    QString error;
    const auto file = MockFile::parse(R"({"servers":[{"routes":[
        {"path":"/a","status":201},
        {"method":"POST","path":"/b","responses":[{"body":"1"},{"body":"2"}]},
        {"path":"/c","fault":"reset","delayMs":5,"match":{"query":{"x":"1"}}}]}]})",
                                      QStringLiteral("t.json"), &error);
    QVERIFY2(file, qPrintable(error));
    MockRoutesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRoutes(file->servers[0].routes);
    QSignalSpy edited(&model, &MockRoutesModel::routesEdited);
    QCOMPARE(model.index(0, MockRoutesModel::Answer).data().toString(), QStringLiteral("201"));
    QCOMPARE(model.index(1, MockRoutesModel::Answer).data().toString(),
             QStringLiteral("2 responses in turn"));
    QCOMPARE(model.index(2, MockRoutesModel::Answer).data().toString(),
             QStringLiteral("fault: reset after 5 ms"));
    QCOMPARE(model.index(2, MockRoutesModel::Path).data().toString(),
             QStringLiteral("/c  + match"));
    QCOMPARE(model.headerData(2, Qt::Vertical).toInt(), 3); // numbered as the log says "#3"

    // Off: the route and the JSON it is saved as.
    QVERIFY(model.setData(model.index(0, MockRoutesModel::On), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!model.routes()[0].enabled);
    QCOMPARE(model.routes()[0].source.value(QStringLiteral("enabled")), QJsonValue(false));
    QVERIFY(model.setData(model.index(0, MockRoutesModel::On), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.routes()[0].source.contains(QStringLiteral("enabled")));

    model.move(2, -1);
    QCOMPARE(model.routes()[1].path, QStringLiteral("/c"));
    model.move(0, -1); // already first: nothing
    model.replace(0, *MockFile::parseRoute(R"({"path":"/z"})", &error));
    QCOMPARE(model.routes()[0].path, QStringLiteral("/z"));
    QCOMPARE(model.insert(99, *MockFile::parseRoute(R"({"path":"/end"})", &error)), 3);
    model.remove(1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(edited.size(), 6); // two switches, one move, replace, insert, remove

    // Dragged: the last route dropped before the first, then the first dropped at the end.
    std::unique_ptr<QMimeData> drag(model.mimeData({model.index(2, MockRoutesModel::Path)}));
    QVERIFY(!model.dropMimeData(drag.get(), Qt::MoveAction, 0, 0, {})); // nothing left to remove
    QCOMPARE(model.routes()[0].path, QStringLiteral("/end"));
    drag.reset(model.mimeData({model.index(0, MockRoutesModel::Path)}));
    model.dropMimeData(drag.get(), Qt::MoveAction, -1, -1, {});
    QCOMPARE(model.routes()[2].path, QStringLiteral("/end"));
    QCOMPARE(model.rowCount(), 3);
}

// A route after one with the same method and path and no "match" can never answer: its path is
// marked, with a tooltip naming the route that hides it, and the mark follows every edit.
void tst_MockRoutesModel::hiddenRoutesMarked()
{
    QString error;
    const auto file = MockFile::parse(R"({"servers":[{"routes":[
        {"path":"/a","body":"first"},
        {"path":"/a","body":"never"},
        {"method":"HEAD","path":"/a"},
        {"path":"/b","match":{"query":{"v":"2"}}},
        {"path":"/b"}]}]})",
                                      QStringLiteral("t.json"), &error);
    QVERIFY2(file, qPrintable(error));
    MockRoutesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRoutes(file->servers[0].routes);
    const auto marked = [&model](int row) {
        return !model.index(row, MockRoutesModel::Path).data(Qt::DecorationRole).isNull();
    };
    QVERIFY(!marked(0));
    QVERIFY(marked(1));
    QVERIFY(marked(2)); // a GET route answers HEAD too
    QVERIFY(!marked(3));
    QVERIFY(!marked(4)); // the one before it has a match
    QCOMPARE(
        model.index(1, MockRoutesModel::Path).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Can never match: route 1 (GET /a) answers it first, with no \"match\""));

    // The first switched off: the second answers now, and hides the HEAD route in turn.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0, MockRoutesModel::On), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(changed.count() >= 2); // the row, then every path's mark
    QVERIFY(!marked(1));
    QCOMPARE(
        model.index(2, MockRoutesModel::Path).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Can never match: route 2 (GET /a) answers it first, with no \"match\""));
    // Moved to the top, the HEAD route answers first.
    model.move(2, -1);
    model.move(1, -1);
    QVERIFY(!marked(0));
    QVERIFY(!marked(2));
}

QTEST_MAIN(tst_MockRoutesModel)
#include "tst_mockroutesmodel.moc"
