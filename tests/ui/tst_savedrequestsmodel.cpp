// SavedRequestsModel under QAbstractItemModelTester: collections become nested folders.
#include "savedrequestsmodel.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace wb;

class tst_SavedRequestsModel : public QObject {
    Q_OBJECT
private slots:
    void tree();
};

void tst_SavedRequestsModel::tree()
{
    SavedRequestsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<Request> requests(4);
    requests[0].name = QStringLiteral("top");
    requests[1].collection = QStringLiteral("users");
    requests[1].name = QStringLiteral("list");
    requests[2].collection = QStringLiteral("users/admin");
    requests[2].name = QStringLiteral("delete");
    requests[2].method = "DELETE";
    requests[3].collection = QStringLiteral("users");
    requests[3].name = QStringLiteral("get");
    model.setRequests(requests);
    QCOMPARE(model.rowCount(), 2); // "top" and the users folder
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("GET top"));
    const QModelIndex users = model.index(1, 0);
    QCOMPARE(users.data().toString(), QStringLiteral("users"));
    QCOMPARE(users.data(SavedRequestsModel::RequestIndexRole).toInt(), -1);
    QCOMPARE(model.rowCount(users), 3); // list, admin/, get
    const QModelIndex admin = model.index(1, 0, users);
    QCOMPARE(admin.data().toString(), QStringLiteral("admin"));
    const QModelIndex del = model.index(0, 0, admin);
    QCOMPARE(del.data().toString(), QStringLiteral("DELETE delete"));
    QCOMPARE(del.data(SavedRequestsModel::RequestIndexRole).toInt(), 2);
    QCOMPARE(model.parent(del), admin);
    model.setRequests({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_SavedRequestsModel)
#include "tst_savedrequestsmodel.moc"
