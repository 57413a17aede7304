// HistoryModel: the workspace's history, newest first, read in place.
#include "historymodel.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class tst_HistoryModel : public QObject {
    Q_OBJECT
private slots:
    void newestFirst();
};

namespace {

QJsonObject entry(const char *status, const char *url, const char *time)
{
    return {
        {QStringLiteral("status"), QLatin1String(status)},
        {QStringLiteral("time"), QLatin1String(time)},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                                                {QStringLiteral("url"), QLatin1String(url)}}}};
}

} // namespace

void tst_HistoryModel::newestFirst()
{
    QTemporaryDir dir;
    Workspace ws(dir.path());
    HistoryModel model(&ws);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.entry(0), QJsonObject());
    QString error;
    QVERIFY(ws.appendHistory(entry("200", "http://a.test/", "t1"), &error));
    QVERIFY(ws.appendHistory(entry("ECONNREFUSED", "http://b.test/", "t2"), &error));
    model.reload();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("ECONNREFUSED GET http://b.test/"));
    QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), QStringLiteral("t2"));
    QCOMPARE(model.index(1).data(HistoryModel::TimeRole).toString(), QStringLiteral("t1"));
    QCOMPARE(model.entry(1).value(QStringLiteral("status")).toString(), QStringLiteral("200"));
    QVERIFY(ws.clearHistory(&error));
    model.reload();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_HistoryModel)
#include "tst_historymodel.moc"
