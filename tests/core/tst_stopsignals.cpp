// StopSignals: SIGTERM, SIGINT and SIGHUP arrive in the event loop, counted.
#include "stopsignals.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace wb;

class tst_StopSignals : public QObject {
    Q_OBJECT
private slots:
    void signalsReachTheLoop();
};

void tst_StopSignals::signalsReachTheLoop()
{
    StopSignals stop;
    QVERIFY(stop.isWatching());
    QSignalSpy spy(&stop, &StopSignals::stopRequested);
    std::raise(SIGTERM); // handled: the test goes on
    QVERIFY(spy.wait());
    QCOMPARE(spy.first().first().toInt(), 1);
    std::raise(SIGINT);
    QVERIFY(spy.wait());
    QCOMPARE(spy.last().first().toInt(), 2);
    std::raise(SIGHUP);
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 3);
}

QTEST_GUILESS_MAIN(tst_StopSignals)
#include "tst_stopsignals.moc"
