// The Agent pool dock driven as a user would: the playground's controls, Fire, stepping, export
// and load, clicks on the lanes; real Agents against a real server on 127.0.0.1, the models under
// QAbstractItemModelTester throughout.
#include "agent.h"
#include "exchange.h"
#include "incomingmessage.h"
#include "pooldock.h"
#include "pooleventsmodel.h"
#include "poollanesview.h"
#include "poolmodel.h"
#include "server.h"
#include "serverresponse.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using wb::PoolState;

class tst_PoolDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    http::Server m_server;
    std::unique_ptr<wb::Session> m_session;
    std::unique_ptr<PoolDock> m_dock;
    std::unique_ptr<QAbstractItemModelTester> m_testers[2];

    QString url() const { return QStringLiteral("http://localhost:%1/").arg(m_server.port()); }
    template<typename T> T *child(const char *name) const
    {
        T *w = m_dock->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }
    /// Types the URL, N and "at once", presses Fire and waits for `until` (the burst's end).
    bool fireAndWaitFor(int count, int concurrency, const std::function<bool()> &until);
    bool fireAndWait(int count, int concurrency)
    {
        return fireAndWaitFor(count, concurrency, [this] { return !m_dock->isFiring(); });
    }
    const PoolState::Group &group() const { return m_dock->model()->state().groups().back(); }
    int eventCount(const char *name) const;

private slots:
    void init();
    void cleanup();
    void burstQueuesThenReuses();
    void keepAliveOffWithFiniteMaxSocketsStillHandsOn();
    void keepAliveOffInfinityOneSocketEach();
    void stepsBackAndForward();
    void exportThenLoadReplays();
    void brokenFileSaysWhereAndKeepsTheView();
    void lanesSelectBothWays();
    void watchesTheAppsAgent();
    void badUrlSaysSo();
    void stopTakesQueuedRequestsOut();
    void sliderAndTableStepWithTheKeyboard();
};

void tst_PoolDock::init()
{
    QVERIFY(m_dir.isValid());
    connect(&m_server, &http::Server::requestReceived, this,
            [](http::IncomingMessage *, http::ServerResponse *res) {
                QTimer::singleShot(100, res, [res] { res->end("ok"); });
            });
    if (!m_server.isListening())
        QVERIFY(!m_server.listen(0, QStringLiteral("127.0.0.1")));
    m_session = std::make_unique<wb::Session>(m_dir.path());
    m_dock = std::make_unique<PoolDock>(m_session.get());
    m_dock->resize(1200, 500);
    m_dock->show();
    m_testers[0] = std::make_unique<QAbstractItemModelTester>(
        m_dock->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_testers[1] = std::make_unique<QAbstractItemModelTester>(
        m_dock->eventsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_PoolDock::cleanup()
{
    m_testers[0].reset();
    m_testers[1].reset();
    m_dock.reset();
    m_session.reset();
    m_server.disconnect(this);
}

bool tst_PoolDock::fireAndWaitFor(int count, int concurrency, const std::function<bool()> &until)
{
    child<QLineEdit>("fireUrl")->setText(url());
    child<QSpinBox>("fireCount")->setValue(count);
    child<QSpinBox>("fireConcurrency")->setValue(concurrency);
    QTest::mouseClick(child<QPushButton>("fire"), Qt::LeftButton);
    if (!m_dock->isFiring())
        return false;
    return QTest::qWaitFor(until, 20000);
}

int tst_PoolDock::eventCount(const char *name) const
{
    const auto &events = m_dock->eventsModel()->events();
    return int(std::count_if(events.cbegin(), events.cend(),
                             [name](const auto &e) { return e.name == QLatin1String(name); }));
}

void tst_PoolDock::burstQueuesThenReuses()
{
    // The issue's "done": maxSockets 2 (the playground's start), ten requests at a slow route.
    QCOMPARE(m_dock->source(), int(PoolDock::Playground));
    QCOMPARE(child<QSpinBox>("pool-maxSockets")->value(), 2);
    QVERIFY(fireAndWait(10, 10));
    QCOMPARE(child<QLabel>("fireProgress")->text(), QStringLiteral("10 of 10 done"));
    QCOMPARE(eventCount("socketCreated"), 2);
    QCOMPARE(eventCount("requestQueued"), 8);
    const PoolState::Group &g = group();
    QCOMPARE(g.name, QStringLiteral("localhost:%1:").arg(m_server.port()));
    QCOMPARE(int(g.sockets.size()), 2);
    QCOMPARE(g.free, 2);
    QCOMPARE(m_dock->model()->state().counters().reused, 8);
    // The tree: a pool row, two socket rows, free, five requests each.
    const QModelIndex pool = m_dock->model()->index(0, 0);
    QCOMPARE(m_dock->model()->rowCount(pool), 2);
    QCOMPARE(pool.siblingAtColumn(PoolModel::State).data().toString(),
             QStringLiteral("sockets 0 · freeSockets 2 · requests 0"));
    for (int row = 0; row < 2; ++row) {
        const QModelIndex s = m_dock->model()->index(row, PoolModel::State, pool);
        QCOMPARE(s.data().toString(), QStringLiteral("free"));
        QCOMPARE(s.siblingAtColumn(PoolModel::Served).data().toInt(), 5);
        QVERIFY(s.siblingAtColumn(PoolModel::Port).data().toInt() > 0);
    }
    // Live: the lanes follow the clock while sockets idle.
    const double before = m_dock->lanes()->now();
    QTRY_VERIFY(m_dock->lanes()->now() > before + 150);
}

void tst_PoolDock::keepAliveOffWithFiniteMaxSocketsStillHandsOn()
{
    // Node: a keepAlive-false Agent with a finite maxSockets still sends keep-alive and gives a
    // finished socket to the next queued request; only an unneeded socket is closed.
    child<QCheckBox>("pool-keepAlive")->setChecked(false);
    QVERIFY(!m_dock->agent()->options().keepAlive);
    QVERIFY(fireAndWait(6, 6));
    QTRY_COMPARE(eventCount("socketDestroyed"), 2);
    for (const PoolState::Socket &s : group().sockets) {
        QCOMPARE(s.served(), 3);
        QCOMPARE(s.reason, QStringLiteral("not kept alive"));
    }
}

void tst_PoolDock::keepAliveOffInfinityOneSocketEach()
{
    child<QCheckBox>("pool-keepAlive")->setChecked(false);
    child<QSpinBox>("pool-maxSockets")->setValue(0); // Infinity
    QCOMPARE(m_dock->agent()->maxSockets(), INT_MAX);
    QVERIFY(fireAndWait(5, 5));
    QTRY_COMPARE(eventCount("socketDestroyed"), 5);
    QCOMPARE(int(group().sockets.size()), 5);
    QCOMPARE(eventCount("requestQueued"), 0);
    for (const PoolState::Socket &s : group().sockets) {
        QCOMPARE(s.served(), 1);
        QCOMPARE(s.state, PoolState::SocketState::Destroyed);
    }
    QCOMPARE(m_dock->model()->state().counters().reused, 0);
}

void tst_PoolDock::stepsBackAndForward()
{
    QVERIFY(fireAndWait(10, 10));
    const auto &events = m_dock->eventsModel()->events();
    const qsizetype all = qsizetype(events.size());
    // Back to the moment the eighth request was queued: two busy sockets, eight waiting.
    const auto eighth = std::find_if(events.cbegin(), events.cend(), [](const auto &e) {
        return e.name == QLatin1String("requestQueued") && e.request == 10;
    });
    QVERIFY(eighth != events.cend());
    m_dock->stepTo(qsizetype(eighth - events.cbegin()) + 1);
    QVERIFY(!m_dock->isLive());
    QCOMPARE(group().busy, 2);
    QCOMPARE(int(group().queue.size()), 8);
    QCOMPARE(m_dock->lanes()->now(), eighth->ms);
    QVERIFY(child<QLabel>("stepLabel")->text().contains(QLatin1String("requestQueued")));
    QVERIFY(child<QLabel>("stepLabel")->text().contains(QLatin1String("maxSockets")));
    // One back: seven waiting; one on again: eight.
    QTest::mouseClick(child<QWidget>("stepBack"), Qt::LeftButton);
    QCOMPARE(int(group().queue.size()), 7);
    QTest::mouseClick(child<QWidget>("stepForward"), Qt::LeftButton);
    QCOMPARE(int(group().queue.size()), 8);
    // Paused, new events are listed but the lanes stay.
    QTest::mouseClick(child<QWidget>("stepBack"), Qt::LeftButton);
    wb::Request r;
    r.url = url();
    wb::Exchange x(r.prepare({}), m_dock->agent(), wb::Exchange::Detail::Outcome);
    QTRY_VERIFY(x.isDone());
    QCOMPARE(int(group().queue.size()), 7);
    QVERIFY(qsizetype(m_dock->eventsModel()->events().size()) > all);
    // Live again: everything.
    m_dock->setLive(true);
    QVERIFY(m_dock->model()->state() ==
            PoolState::replay(m_dock->eventsModel()->events(), qsizetype(events.size())));
    QCOMPARE(group().free, 2);
    m_dock->stepTo(0);
    QVERIFY(m_dock->model()->state().groups().empty());
}

void tst_PoolDock::exportThenLoadReplays()
{
    QVERIFY(fireAndWait(6, 6));
    const PoolState live = m_dock->model()->state();
    const QString path = m_dir.filePath(QStringLiteral("pool.jsonl"));
    QString error;
    QVERIFY2(m_dock->exportEvents(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(qsizetype(lines.size()), qsizetype(m_dock->eventsModel()->events().size()));
    QVERIFY(lines.first().startsWith(R"({"event":"socketCreated")"));

    QVERIFY2(m_dock->loadEvents(path, &error), qPrintable(error));
    QCOMPARE(m_dock->source(), int(PoolDock::Loaded));
    QVERIFY(!child<QPushButton>("fire")->isEnabled());
    QVERIFY(m_dock->model()->state() == live);
    QCOMPARE(child<QComboBox>("source")->currentText(), QStringLiteral("Loaded: pool.jsonl"));
    // Stepping works on a loaded file too.
    m_dock->stepBack();
    QCOMPARE(m_dock->step(), qsizetype(lines.size()) - 1);
    // Back to a live Agent: the file is let go.
    m_dock->setSource(PoolDock::Playground);
    QCOMPARE(child<QComboBox>("source")->count(), 3);
    QVERIFY(m_dock->isLive());
}

void tst_PoolDock::brokenFileSaysWhereAndKeepsTheView()
{
    QVERIFY(fireAndWait(2, 2));
    const PoolState before = m_dock->model()->state();
    const QString path = m_dir.filePath(QStringLiteral("broken.jsonl"));
    const QByteArray good = R"({"event":"socketCreated","group":"a:80:","ms":0,"socket":1})";
    auto load = [&](const QByteArray &content) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write");
        file.write(content);
        file.close();
        QString error;
        return m_dock->loadEvents(path, &error) ? QString() : error;
    };
    QCOMPARE(load(good + "\n" + R"({"event":"socketExploded","group":"a:80:","ms":1})"),
             path + QStringLiteral(":2: unknown event \"socketExploded\" (one of ") +
                 wb::PoolRecorder::eventNames().join(u'/') + u')');
    QVERIFY(load("{\"event\": \n").startsWith(path + QStringLiteral(":1: not a JSON object")));
    QVERIFY(load(good + "\n\n[1]\n").startsWith(path + QStringLiteral(":3: not a JSON object")));
    // Times and ids out of any run's range are refused, not drawn.
    const std::pair<const char *, const char *> bad[] = {
        {R"({"event":"socketFreed","group":"a:80:","ms":1e300,"socket":1})", R"("ms" must)"},
        {R"({"event":"socketFreed","group":"a:80:","ms":-5,"socket":1})", R"("ms" must)"},
        {R"({"event":"socketFreed","group":"a:80:","ms":"abc","socket":1})", R"("ms" must)"},
        {R"({"event":"socketFreed","group":"a:80:","ms":5,"socket":1.5})", R"("socket" must)"},
        {R"({"event":"socketFreed","group":7,"ms":5})", R"("group" must)"},
        {R"({"group":"a:80:","ms":5})", R"(no "event" name)"}};
    for (const auto &[line, why] : bad)
        QVERIFY2(
            load(good + "\n" + line).startsWith(path + QStringLiteral(":2: ") + QLatin1String(why)),
            line);
    QCOMPARE(load("\n  \n"), path + QStringLiteral(": no pool events in it"));
    QCOMPARE(load("[" + good + ", 3]"), path + QStringLiteral(": element 2: not an event object"));
    QString error;
    QVERIFY(!m_dock->loadEvents(m_dir.filePath(QStringLiteral("none.jsonl")), &error));
    QCOMPARE(m_dock->source(), int(PoolDock::Playground));
    QVERIFY(m_dock->model()->state() == before);
    // A JSON array of the same objects loads too.
    QCOMPARE(load("[" + good + "]"), QString());
    QCOMPARE(m_dock->source(), int(PoolDock::Loaded));
    QCOMPARE(m_dock->model()->state().groups().front().busy, 1);
}

void tst_PoolDock::lanesSelectBothWays()
{
    QVERIFY(fireAndWait(4, 4));
    PoolLanesView *lanes = m_dock->lanes();
    QTRY_VERIFY(!lanes->barRect(3).isEmpty());
    const QRect bar = lanes->barRect(3);
    const PoolLanesView::Hit hit = lanes->hitAt(bar.center());
    QCOMPARE(hit.kind, QStringLiteral("socket"));
    QCOMPARE(hit.request, 3);
    QTest::mouseClick(lanes->viewport(), Qt::LeftButton, {}, bar.center());
    QCOMPARE(lanes->selectedRequest(), 3);
    QCOMPARE(lanes->selectedSocket(), hit.socket);
    const QModelIndex current = m_dock->tree()->currentIndex();
    QCOMPARE(current.data(PoolModel::SocketIdRole).toULongLong(), hit.socket);
    // A socket row picked in the tree lights its lane.
    const QModelIndex other =
        m_dock->model()->index(hit.socket == 1 ? 1 : 0, 0, m_dock->model()->index(0, 0));
    auto *tabs = qobject_cast<QTabWidget *>(m_dock->tree()->parentWidget()->parentWidget());
    QVERIFY(tabs);
    tabs->setCurrentWidget(m_dock->tree());
    QTest::mouseClick(m_dock->tree()->viewport(), Qt::LeftButton, {},
                      m_dock->tree()->visualRect(other).center());
    QCOMPARE(lanes->selectedSocket(), other.data(PoolModel::SocketIdRole).toULongLong());
    QCOMPARE(lanes->selectedRequest(), 0);
}

void tst_PoolDock::watchesTheAppsAgent()
{
    // A request sent the way tabs send it (the session's shared Agent) shows up when watched.
    m_dock->setSource(PoolDock::AppHttp);
    QCOMPARE(m_dock->agent(), m_session->agent(QStringLiteral("http:")));
    wb::Request r;
    r.url = url();
    wb::Exchange x(r.prepare({}), m_session->agent(QStringLiteral("http:")),
                   wb::Exchange::Detail::Outcome);
    QTRY_VERIFY(x.isDone());
    QTRY_COMPARE(group().free, 1);
    QCOMPARE(group().sockets.front().served(), 1);
    m_dock->showSocket(QStringLiteral("http:"), group().name, group().sockets.front().id);
    QCOMPARE(m_dock->lanes()->selectedSocket(), group().sockets.front().id);
    // The playground kept nothing of it.
    m_dock->setSource(PoolDock::Playground);
    QVERIFY(m_dock->model()->state().groups().empty());
}

void tst_PoolDock::badUrlSaysSo()
{
    QSignalSpy said(m_dock.get(), &PoolDock::message);
    for (const char *bad :
         {"ftp://example.com/", "http://127.0.0.1:99999/", "http://", "http://127.0.0.1:0/"}) {
        m_dock->fire(QLatin1String(bad), 3, 3);
        QVERIFY(!m_dock->isFiring());
        QVERIFY2(child<QLabel>("fireProgress")->text().contains(QLatin1String("not an http")), bad);
    }
    QCOMPARE(said.size(), 4);
    m_dock->fire(QStringLiteral("https://localhost:%1/").arg(m_server.port()), 3, 3);
    QVERIFY(child<QLabel>("fireProgress")->text().contains(QLatin1String("an http.Agent")));
    QVERIFY(m_dock->model()->state().groups().empty()); // nothing was sent
    // A URL typed without a scheme is http://.
    child<QLineEdit>("fireUrl")->setText(QStringLiteral("localhost:%1/").arg(m_server.port()));
    QTest::mouseClick(child<QPushButton>("fire"), Qt::LeftButton);
    QTRY_VERIFY(!m_dock->isFiring());
    QCOMPARE(child<QLabel>("fireProgress")->text(), QStringLiteral("10 of 10 done"));
}

void tst_PoolDock::stopTakesQueuedRequestsOut()
{
    // maxSockets 2, twenty requests at once, Stop while the first two are on their sockets:
    // the eighteen queued leave the queue (no socket is made for them), the two are cancelled.
    QVERIFY(fireAndWaitFor(20, 20, [this] { return eventCount("requestSent") == 2; }));
    QVERIFY(!child<QWidget>("clear")->isEnabled()); // the queue would be lost from view
    QTest::mouseClick(child<QPushButton>("fire"), Qt::LeftButton); // now "Stop"
    QTRY_VERIFY(!m_dock->isFiring());
    QVERIFY(child<QWidget>("clear")->isEnabled());
    QTRY_COMPARE(eventCount("socketDestroyed"), 2);
    QCOMPARE(eventCount("socketCreated"), 2);
    QCOMPARE(eventCount("requestRemoved"), 18);
    QCOMPARE(group().queue.size(), size_t(0));
    for (const PoolState::Socket &s : group().sockets)
        QCOMPARE(s.reason, QStringLiteral("request destroyed"));
    QCOMPARE(child<QLabel>("fireProgress")->text(),
             QStringLiteral("stopped: 2 ended (2 failed or cancelled) · 18 taken out of the "
                            "queue · 0 not sent"));
}

void tst_PoolDock::sliderAndTableStepWithTheKeyboard()
{
    QVERIFY(fireAndWait(4, 4));
    const qsizetype all = qsizetype(m_dock->eventsModel()->events().size());
    auto *slider = child<QSlider>("stepSlider");
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Home);
    QCOMPARE(m_dock->step(), 0);
    QVERIFY(m_dock->model()->state().groups().empty());
    QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(m_dock->step(), 1);
    QCOMPARE(group().sockets.size(), size_t(1));
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(m_dock->step(), all);
    // In the events table, Up moves one event back.
    auto *table = child<QTableView>("events");
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Up);
    QCOMPARE(m_dock->step(), all - 1);
    QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_dock->step(), 1);
    // A double click on the lanes fits the run again after a zoom.
    m_dock->lanes()->setFit(false);
    QTest::mouseDClick(m_dock->lanes()->viewport(), Qt::LeftButton);
    QVERIFY(m_dock->lanes()->fits());
}

QTEST_MAIN(tst_PoolDock)
#include "tst_pooldock.moc"
