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

QTEST_MAIN(tst_MockRoutesModel)
#include "tst_mockroutesmodel.moc"
