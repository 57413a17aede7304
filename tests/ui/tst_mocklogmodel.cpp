// MockLogModel and MockLogFilter: a ring of rows that counts what it lets go, and the rows a
// user filters for.
#include "mocklogfilter.h"
#include "mocklogmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace wb;

class tst_MockLogModel : public QObject {
    Q_OBJECT
private slots:
    void ringDropsTheOldest();
    void filters();
};

namespace {

MockEngine::LogEntry entry(const char *method, const char *url, int status, int route = 0,
                           bool proxied = false)
{
    MockEngine::LogEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.method = method;
    e.url = url;
    e.status = status;
    e.route = route;
    e.proxied = proxied;
    e.routePath = QStringLiteral("/r");
    return e;
}

} // namespace

void tst_MockLogModel::ringDropsTheOldest()
{
    MockLogModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(10);
    QList<MockEngine::LogEntry> batch;
    for (int i = 0; i < 4; ++i)
        batch.append(entry("GET", QByteArray("/" + QByteArray::number(i)).constData(), 200));
    model.append(batch);
    model.append(batch);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.dropped(), 0);
    model.append(batch); // 12 rows for 10 places: 2 fill it, the 2 oldest go
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.dropped(), 2);
    QCOMPARE(model.index(0, MockLogModel::Url).data().toString(), QStringLiteral("/2"));
    QCOMPARE(model.index(9, MockLogModel::Url).data().toString(), QStringLiteral("/3"));
    model.setCapacity(4); // smaller: the oldest go
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.dropped(), 8);
    QCOMPARE(model.index(0, MockLogModel::Url).data().toString(), QStringLiteral("/0"));
    QCOMPARE(model.index(0, MockLogModel::Route).data().toString(), QStringLiteral("#1 /r"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.dropped(), 0);
}

void tst_MockLogModel::filters()
{
    MockLogModel model(nullptr);
    MockLogFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({entry("GET", "/users/1", 200), entry("POST", "/users", 201),
                  entry("GET", "/nope", 404, -1), entry("GET", "/api/x", 502, -1, true),
                  entry("GET", "/broken", 0)});
    QCOMPARE(filter.rowCount(), 5);
    filter.setText(QStringLiteral("USERS"));
    QCOMPARE(filter.rowCount(), 2);
    filter.setMethod(QStringLiteral("POST"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setText({});
    filter.setMethod({});
    filter.setStatusClass(4);
    QCOMPARE(filter.rowCount(), 1);
    filter.setStatusClass(0); // no answer
    QCOMPARE(filter.index(0, MockLogModel::Url).data().toString(), QStringLiteral("/broken"));
    filter.setStatusClass(-1);
    filter.setRouteKind(MockLogFilter::RouteKind::NoRoute);
    QCOMPARE(filter.rowCount(), 1);
    filter.setRouteKind(MockLogFilter::RouteKind::Proxied);
    QCOMPARE(filter.index(0, MockLogModel::Route).data().toString(), QStringLiteral("proxied"));
    filter.setRouteKind(MockLogFilter::RouteKind::Matched);
    QCOMPARE(filter.rowCount(), 3);
    // New rows are filtered as they come.
    model.append({entry("GET", "/late", 200, 2)});
    QCOMPARE(filter.rowCount(), 4);
}

QTEST_MAIN(tst_MockLogModel)
#include "tst_mocklogmodel.moc"
