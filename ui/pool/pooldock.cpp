#include "pooldock.h"

#include "agent.h"
#include "burst.h"
#include "pooleventsmodel.h"
#include "poollanesview.h"
#include "poolmodel.h"
#include "poolstate.h"
#include "session.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <climits>

namespace {

/// A spin box where 0 stands for Node's Infinity.
QSpinBox *limitBox(int value, const QString &name)
{
    auto *box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(0, 100000);
    box->setSpecialValueText(QStringLiteral("Infinity"));
    box->setValue(value == INT_MAX ? 0 : value);
    return box;
}

int limitOf(const QSpinBox *box)
{
    return box->value() == 0 ? INT_MAX : box->value();
}

QString limitText(int value)
{
    return value == INT_MAX ? QStringLiteral("Infinity") : QString::number(value);
}

} // namespace

PoolDock::PoolDock(wb::Session *session, QWidget *parent)
    : QDockWidget(tr("Agent pool"), parent)
    , m_session(session)
    , m_model(new PoolModel(this))
    , m_events(new PoolEventsModel(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("agentPool"));
    http::Agent::Options playground;
    playground.keepAlive = true;
    playground.maxSockets = 2;
    m_playground = new http::Agent(playground, this);
    const http::Agent *agents[] = {session->agent(QStringLiteral("http:")),
                                   session->agent(QStringLiteral("https:")), m_playground};
    for (int i = 0; i < 3; ++i) {
        m_watched[i].agent = const_cast<http::Agent *>(agents[i]);
        m_watched[i].recorder = new wb::PoolRecorder(m_watched[i].agent, this);
        m_watched[i].recorder->setKeeping(true);
        connect(m_watched[i].recorder, &wb::PoolRecorder::recorded, this,
                [this, i](const wb::PoolRecorder::Event &e) { onRecorded(i, e); });
    }
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildControls());
    // The lanes take the height; the events and the socket table sit beside them.
    auto *split = new QSplitter(Qt::Horizontal, body);
    m_lanes = new PoolLanesView(m_model, split);
    m_lanes->setObjectName(QStringLiteral("lanes"));
    auto *side = new QTabWidget(split);
    side->setObjectName(QStringLiteral("poolSide"));
    m_table = new QTableView(side);
    m_table->setObjectName(QStringLiteral("events"));
    m_table->setModel(m_events);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(PoolEventsModel::Number, 44);
    m_table->setColumnWidth(PoolEventsModel::Ms, 60);
    m_table->setColumnWidth(PoolEventsModel::Name, 120);
    m_table->setColumnWidth(PoolEventsModel::Socket, 50);
    m_table->setColumnWidth(PoolEventsModel::Request, 56);
    side->addTab(m_table, tr("Events"));
    m_tree = new QTreeView(side);
    side->addTab(m_tree, tr("Sockets"));
    m_tree->setObjectName(QStringLiteral("sockets"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setColumnWidth(PoolModel::Name, 150);
    m_tree->setColumnWidth(PoolModel::State, 130);
    m_tree->setColumnWidth(PoolModel::Served, 64);
    m_tree->setColumnWidth(PoolModel::Port, 64);
    connect(m_model, &QAbstractItemModel::rowsInserted, m_tree, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            m_tree->expandAll();
    });
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setSizes({800, 400});
    layout->addWidget(split, 1);
    setWidget(body);

    // Linked both ways: an event, a socket row, a lane or a bar selects the same thing.
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &i) { stepTo(qsizetype(i.row()) + 1); });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &i) { stepTo(qsizetype(i.row()) + 1); });
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &i) {
        if (const quint64 id = i.siblingAtColumn(0).data(PoolModel::SocketIdRole).toULongLong())
            m_lanes->selectSocket(i.parent().data().toString(), id);
    });
    connect(m_lanes, &PoolLanesView::socketSelected, this,
            [this](const QString &group, quint64 id) {
                const QModelIndex row = m_model->socketIndex(group, id);
                m_tree->setCurrentIndex(row);
                m_tree->scrollTo(row);
            });
    connect(m_lanes, &PoolLanesView::requestSelected, this, [this](int request) {
        const auto [g, b] = m_model->state().findRequest(request);
        const auto &group = m_model->state().groups()[size_t(g)];
        const QModelIndex row = m_model->socketIndex(group.name, group.bars[size_t(b)].socket);
        if (row.isValid()) {
            m_tree->setCurrentIndex(row);
            m_tree->scrollTo(row);
        }
    });

    // The clock: only while live and something in the pools is open (idle times run).
    m_clock->setInterval(100);
    connect(m_clock, &QTimer::timeout, this, &PoolDock::tick);
    setSource(Playground); // its maxSockets 2 makes a burst queue at once
}

PoolDock::~PoolDock() = default;

QWidget *PoolDock::buildControls()
{
    auto *box = new QWidget;
    auto *rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);

    // Row 1: which Agent, and the playground's options (Node's names).
    auto *row1 = new QHBoxLayout;
    m_sourceBox = new QComboBox;
    m_sourceBox->setObjectName(QStringLiteral("source"));
    m_sourceBox->addItems(
        {tr("App's http: Agent"), tr("App's https: Agent"), tr("Playground Agent")});
    m_sourceBox->setToolTip(tr("Every request tab sends through the app's Agents (keepAlive, "
                               "no socket limit). The playground Agent has its own options."));
    connect(m_sourceBox, &QComboBox::activated, this, &PoolDock::setSource);
    row1->addWidget(new QLabel(tr("Watch")));
    row1->addWidget(m_sourceBox);
    m_options = new QWidget;
    auto *opts = new QHBoxLayout(m_options);
    opts->setContentsMargins(8, 0, 0, 0);
    const http::Agent::Options &o = m_playground->options();
    m_keepAlive = new QCheckBox(QStringLiteral("keepAlive"));
    m_keepAlive->setObjectName(QStringLiteral("pool-keepAlive"));
    m_keepAlive->setChecked(o.keepAlive);
    m_keepAlive->setToolTip(
        tr("Keep a finished socket in agent.freeSockets for the next request. Off, a socket "
           "closes once no request waits for it: with a finite maxSockets Node still sends "
           "Connection: keep-alive and hands a finished socket to the next queued request, so "
           "set maxSockets to Infinity (0) to see one socket per request."));
    m_keepAliveMsecs = new QSpinBox;
    m_keepAliveMsecs->setObjectName(QStringLiteral("pool-keepAliveMsecs"));
    m_keepAliveMsecs->setRange(0, 600000);
    m_keepAliveMsecs->setValue(o.keepAliveMsecs);
    m_maxSockets = limitBox(o.maxSockets, QStringLiteral("pool-maxSockets"));
    m_maxFreeSockets = limitBox(o.maxFreeSockets, QStringLiteral("pool-maxFreeSockets"));
    m_maxTotalSockets = limitBox(o.maxTotalSockets, QStringLiteral("pool-maxTotalSockets"));
    m_scheduling = new QComboBox;
    m_scheduling->setObjectName(QStringLiteral("pool-scheduling"));
    m_scheduling->addItems({QStringLiteral("lifo"), QStringLiteral("fifo")});
    m_timeout = new QSpinBox;
    m_timeout->setObjectName(QStringLiteral("pool-timeout"));
    m_timeout->setRange(0, 600000);
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setSuffix(QStringLiteral(" ms"));
    opts->addWidget(m_keepAlive);
    auto labelled = [opts](const QString &name, QWidget *w, const QString &tip) {
        auto *label = new QLabel(name);
        label->setBuddy(w);
        label->setToolTip(tip);
        w->setToolTip(tip);
        opts->addWidget(label);
        opts->addWidget(w);
    };
    labelled(QStringLiteral("keepAliveMsecs"), m_keepAliveMsecs,
             tr("TCP keep-alive probes start after this idle time (socket.setKeepAlive)."));
    labelled(QStringLiteral("maxSockets"), m_maxSockets,
             tr("Sockets per pool (host:port:…) at once; more requests wait in agent.requests."));
    labelled(QStringLiteral("maxFreeSockets"), m_maxFreeSockets,
             tr("Idle sockets kept per pool; a socket freed beyond this is destroyed."));
    labelled(QStringLiteral("maxTotalSockets"), m_maxTotalSockets,
             tr("Sockets at once across every pool of the agent."));
    labelled(QStringLiteral("scheduling"), m_scheduling,
             tr("Which idle socket the next request takes: lifo the most recently used, fifo "
                "the longest idle."));
    labelled(QStringLiteral("timeout"), m_timeout,
             tr("An idle socket in agent.freeSockets is destroyed after this long."));
    for (QSpinBox *spin :
         {m_keepAliveMsecs, m_maxSockets, m_maxFreeSockets, m_maxTotalSockets, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &PoolDock::applyPlaygroundOptions);
    connect(m_keepAlive, &QCheckBox::toggled, this, &PoolDock::applyPlaygroundOptions);
    connect(m_scheduling, &QComboBox::currentIndexChanged, this, &PoolDock::applyPlaygroundOptions);
    row1->addWidget(m_options);
    row1->addStretch(1);
    rows->addLayout(row1);

    // Row 2: fire a burst; step through the events; export and load.
    auto *row2 = new QHBoxLayout;
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("fireUrl"));
    m_url->setPlaceholderText(tr("URL to fire at"));
    m_count = new QSpinBox;
    m_count->setObjectName(QStringLiteral("fireCount"));
    m_count->setRange(1, 100000);
    m_count->setValue(10);
    m_count->setPrefix(tr("N "));
    m_count->setToolTip(tr("How many requests"));
    m_concurrency = new QSpinBox;
    m_concurrency->setObjectName(QStringLiteral("fireConcurrency"));
    m_concurrency->setRange(1, 10000);
    m_concurrency->setValue(10);
    m_concurrency->setPrefix(tr("at once "));
    m_concurrency->setToolTip(tr("How many are under way at once: more than maxSockets and the "
                                 "rest wait in agent.requests"));
    m_fire = new QPushButton(tr("Fire"));
    m_fire->setObjectName(QStringLiteral("fire"));
    connect(m_fire, &QPushButton::clicked, this, [this] {
        if (isFiring())
            stopFiring();
        else
            fire(m_url->text().trimmed(), m_count->value(), m_concurrency->value());
    });
    connect(m_url, &QLineEdit::returnPressed, m_fire, &QPushButton::click);
    m_progress = new QLabel;
    m_progress->setObjectName(QStringLiteral("fireProgress"));
    row2->addWidget(m_url, 2);
    row2->addWidget(m_count);
    row2->addWidget(m_concurrency);
    row2->addWidget(m_fire);
    row2->addWidget(m_progress, 1);

    auto tool = [](const QString &text, const QString &name, const QString &tip) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_liveButton = tool(tr("Live"), QStringLiteral("live"),
                        tr("Follow every event (off: the view stays where it is)"));
    m_liveButton->setCheckable(true);
    m_liveButton->setChecked(true);
    connect(m_liveButton, &QToolButton::toggled, this, &PoolDock::setLive);
    m_back = tool(QStringLiteral("◀"), QStringLiteral("stepBack"), tr("One event back"));
    m_forward = tool(QStringLiteral("▶"), QStringLiteral("stepForward"), tr("One event on"));
    connect(m_back, &QToolButton::clicked, this, &PoolDock::stepBack);
    connect(m_forward, &QToolButton::clicked, this, &PoolDock::stepForward);
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("stepSlider"));
    m_slider->setMinimumWidth(120);
    connect(m_slider, &QSlider::sliderMoved, this, [this](int v) { stepTo(v); });
    auto *exportButton = tool(tr("Export…"), QStringLiteral("export"),
                              tr("The events as JSON lines, as `wirebench send --pool-events` "
                                 "prints them"));
    connect(exportButton, &QToolButton::clicked, this, &PoolDock::exportClicked);
    auto *loadButton =
        tool(tr("Load…"), QStringLiteral("load"), tr("Replay a JSON lines file of pool events"));
    connect(loadButton, &QToolButton::clicked, this, &PoolDock::loadClicked);
    auto *clearButton = tool(tr("Clear"), QStringLiteral("clear"), tr("Forget the events"));
    connect(clearButton, &QToolButton::clicked, this, &PoolDock::clear);
    for (QWidget *w : std::initializer_list<QWidget *>{m_liveButton, m_back, m_slider, m_forward,
                                                       exportButton, loadButton, clearButton})
        row2->addWidget(w);
    rows->addLayout(row2);

    m_stepLabel = new QLabel;
    m_stepLabel->setObjectName(QStringLiteral("stepLabel"));
    m_stepLabel->setWordWrap(true);
    m_stepLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rows->addWidget(m_stepLabel);
    return box;
}

void PoolDock::setDefaultUrl(const QString &url)
{
    if (m_url->text().isEmpty())
        m_url->setText(url);
}

int PoolDock::source() const
{
    return m_source;
}

http::Agent *PoolDock::agent() const
{
    return m_source < Loaded ? m_watched[m_source].agent : nullptr;
}

void PoolDock::setSource(int source)
{
    if (source == Loaded && m_loadedName.isEmpty())
        source = AppHttp;
    if (source != Loaded && m_sourceBox->count() > Loaded)
        m_sourceBox->removeItem(Loaded); // the loaded file is let go
    m_source = source;
    m_sourceBox->setCurrentIndex(source);
    m_options->setVisible(source == Playground);
    if (source < Loaded) {
        const QList<wb::PoolRecorder::Event> &kept = m_watched[source].recorder->events();
        m_events->setEvents({kept.cbegin(), kept.cend()});
        m_burst = std::make_unique<wb::Burst>(m_watched[source].agent);
        connect(m_burst.get(), &wb::Burst::progress, this, [this](int done, int failed) {
            m_progress->setText(
                failed
                    ? tr("%1 of %2 done, %3 failed").arg(done).arg(m_burst->started()).arg(failed)
                    : tr("%1 of %2 done").arg(done).arg(m_burst->started()));
        });
        connect(m_burst.get(), &wb::Burst::done, this, [this] { m_fire->setText(tr("Fire")); });
        m_fire->setText(tr("Fire"));
        m_fire->setEnabled(true);
    } else {
        m_fire->setEnabled(false);
    }
    updateLimits();
    setLive(source < Loaded);
    if (source == Loaded)
        stepTo(qsizetype(m_events->events().size()));
}

void PoolDock::applyPlaygroundOptions()
{
    http::Agent::Options o = m_playground->options();
    o.keepAlive = m_keepAlive->isChecked();
    o.keepAliveMsecs = m_keepAliveMsecs->value();
    o.maxSockets = limitOf(m_maxSockets);
    o.maxFreeSockets = limitOf(m_maxFreeSockets);
    o.maxTotalSockets = limitOf(m_maxTotalSockets);
    o.scheduling = m_scheduling->currentIndex() == 1 ? http::Agent::Scheduling::Fifo
                                                     : http::Agent::Scheduling::Lifo;
    o.timeout = m_timeout->value();
    m_playground->setOptions(o);
    updateLimits();
}

void PoolDock::updateLimits()
{
    const http::Agent *a = agent();
    if (!a) {
        m_lanes->setLimits(tr("replayed from %1").arg(m_loadedName));
        return;
    }
    const http::Agent::Options &o = a->options();
    m_lanes->setLimits(
        QStringLiteral("keepAlive %1 · maxSockets %2 · maxFreeSockets %3 · "
                       "maxTotalSockets %4%5")
            .arg(o.keepAlive ? QStringLiteral("true") : QStringLiteral("false"),
                 limitText(o.maxSockets), limitText(o.maxFreeSockets), limitText(o.maxTotalSockets),
                 o.timeout ? QStringLiteral(" · timeout %1 ms").arg(o.timeout) : QString()));
}

void PoolDock::fire(const QString &url, int count, int concurrency)
{
    const QUrl parsed = QUrl::fromUserInput(url);
    if (!parsed.isValid() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
        Q_EMIT message(tr("Fire: \"%1\" is not an http:// or https:// URL").arg(url), 6000);
        return;
    }
    const QString protocol = parsed.scheme() + u':';
    if (m_source < Loaded && m_watched[m_source].agent->options().protocol != protocol) {
        // The app's Agents are one per protocol: watch the one the URL needs.
        if (m_source == AppHttp || m_source == AppHttps)
            setSource(protocol == QLatin1String("https:") ? AppHttps : AppHttp);
        else {
            Q_EMIT message(tr("The playground Agent speaks http:; use an http:// URL"), 6000);
            return;
        }
    }
    wb::Request r;
    r.url = parsed.toString();
    if (const QString problem = r.problem({}); !problem.isEmpty()) {
        Q_EMIT message(tr("Fire: %1").arg(problem), 6000);
        return;
    }
    const wb::Request::Prepared prepared = r.prepare({});
    setLive(true);
    m_fire->setText(tr("Stop"));
    m_progress->setText(tr("0 of %1 done").arg(count));
    m_burst->start(prepared, count, concurrency);
}

void PoolDock::stopFiring()
{
    if (m_burst)
        m_burst->stop();
}

bool PoolDock::isFiring() const
{
    return m_burst && m_burst->isRunning();
}

void PoolDock::onRecorded(int source, const wb::PoolRecorder::Event &event)
{
    if (source != m_source)
        return;
    m_events->append(event);
    const qsizetype count = qsizetype(m_events->events().size());
    m_slider->setMaximum(int(count));
    if (!m_live) {
        updateStepLabel();
        return;
    }
    m_model->apply(event);
    m_step = count;
    m_slider->setValue(int(count));
    m_lanes->setNow(event.ms);
    updateStepLabel();
    if (!m_clock->isActive())
        m_clock->start();
}

void PoolDock::tick()
{
    if (!m_live || m_source >= Loaded || !isVisible()) {
        m_clock->stop();
        return;
    }
    m_lanes->setNow(m_watched[m_source].recorder->now());
    bool open = false;
    for (const auto &g : m_model->state().groups())
        open = open || g.busy + g.free + qsizetype(g.queue.size()) > 0;
    if (!open)
        m_clock->stop();
}

void PoolDock::setLive(bool on)
{
    m_live = on && m_source < Loaded;
    const QSignalBlocker block(m_liveButton);
    m_liveButton->setChecked(m_live);
    m_liveButton->setEnabled(m_source < Loaded);
    if (m_live)
        showAll();
    m_events->setCurrent(m_live ? -1 : int(m_step) - 1);
    updateStepLabel();
}

void PoolDock::showAll()
{
    const auto &events = m_events->events();
    m_step = qsizetype(events.size());
    m_model->setState(wb::PoolState::replay(events, m_step));
    m_slider->setMaximum(int(m_step));
    m_slider->setValue(int(m_step));
    m_lanes->setNow(m_source < Loaded ? m_watched[m_source].recorder->now()
                                      : (events.empty() ? 0 : events.back().ms));
    m_clock->start();
}

void PoolDock::stepBack()
{
    stepTo(m_step - 1);
}

void PoolDock::stepForward()
{
    stepTo(m_step + 1);
}

void PoolDock::stepTo(qsizetype count)
{
    const auto &events = m_events->events();
    count = std::clamp<qsizetype>(count, 0, qsizetype(events.size()));
    if (m_live) {
        m_live = false;
        const QSignalBlocker block(m_liveButton);
        m_liveButton->setChecked(false);
    }
    m_step = count;
    m_model->setState(wb::PoolState::replay(events, count));
    m_lanes->setNow(count > 0 ? events[size_t(count - 1)].ms : 0);
    m_slider->setMaximum(int(events.size()));
    m_slider->setValue(int(count));
    m_events->setCurrent(int(count) - 1);
    if (count > 0) {
        const QModelIndex row = m_events->index(int(count) - 1, 0);
        m_table->scrollTo(row);
        m_table->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        const wb::PoolRecorder::Event &e = events[size_t(count - 1)];
        if (e.request)
            m_lanes->selectRequest(e.request);
        else if (e.socket)
            m_lanes->selectSocket(e.group, e.socket);
    }
    updateStepLabel();
}

void PoolDock::updateStepLabel()
{
    const auto &events = m_events->events();
    m_back->setEnabled(m_step > 0);
    m_forward->setEnabled(m_step < qsizetype(events.size()));
    if (events.empty()) {
        m_stepLabel->setText(tr("No events yet. Fire a burst at the demo server's /pool route "
                                "(300 ms) with maxSockets 2 to see queueing, then reuse."));
        return;
    }
    if (m_live) {
        m_stepLabel->setText(tr("Live: %1 events. Pause (Live off) or step back to go through "
                                "them one at a time.")
                                 .arg(events.size()));
        return;
    }
    if (m_step == 0) {
        m_stepLabel->setText(tr("Before the first of %1 events.").arg(events.size()));
        return;
    }
    const wb::PoolRecorder::Event &e = events[size_t(m_step - 1)];
    m_stepLabel->setText(tr("Event %1 of %2 at %3 ms — <b>%4</b>: %5")
                             .arg(m_step)
                             .arg(events.size())
                             .arg(e.ms, 0, 'f', 1)
                             .arg(e.name, wb::PoolState::explain(e).toHtmlEscaped()));
}

bool PoolDock::exportEvents(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    for (const wb::PoolRecorder::Event &e : m_events->events())
        file.write(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n');
    if (!file.flush()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool PoolDock::loadEvents(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    std::vector<wb::PoolRecorder::Event> events;
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QByteArray text = file.readLine().trimmed();
        if (text.isEmpty())
            continue;
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &parse);
        const auto event =
            doc.isObject() ? wb::PoolRecorder::Event::fromJson(doc.object()) : std::nullopt;
        if (!event) {
            if (error)
                *error = parse.error != QJsonParseError::NoError
                             ? QStringLiteral("%1:%2: not JSON: %3")
                                   .arg(path)
                                   .arg(line)
                                   .arg(parse.errorString())
                             : QStringLiteral("%1:%2: not a pool event (\"event\" one of %3, "
                                              "\"group\" a string, \"ms\" a number)")
                                   .arg(path)
                                   .arg(line)
                                   .arg(wb::PoolRecorder::eventNames().join(u'/'));
            return false;
        }
        events.push_back(*event);
    }
    if (m_burst)
        m_burst->stop();
    m_loadedName = QFileInfo(path).fileName();
    if (m_sourceBox->count() > Loaded)
        m_sourceBox->setItemText(Loaded, tr("Loaded: %1").arg(m_loadedName));
    else
        m_sourceBox->addItem(tr("Loaded: %1").arg(m_loadedName));
    m_source = Loaded;
    m_events->setEvents(std::move(events));
    setSource(Loaded);
    return true;
}

void PoolDock::exportClicked()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export pool events"),
                                                      QStringLiteral("pool-events.jsonl"),
                                                      tr("JSON lines (*.jsonl *.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportEvents(path, &error))
        Q_EMIT message(tr("Wrote %1 pool events to %2").arg(m_events->rowCount()).arg(path), 4000);
    else
        QMessageBox::warning(this, tr("Export pool events"), error);
}

void PoolDock::loadClicked()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load pool events"), {},
                                                      tr("JSON lines (*.jsonl *.json *.txt);;"
                                                         "All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadEvents(path, &error))
        QMessageBox::warning(this, tr("Load pool events"), error);
}

void PoolDock::clear()
{
    if (m_source < Loaded)
        m_watched[m_source].recorder->clear();
    m_events->setEvents({});
    m_step = 0;
    m_model->setState({});
    m_slider->setMaximum(0);
    updateStepLabel();
}

void PoolDock::showSocket(const QString &protocol, const QString &group, quint64 socket)
{
    // Only while the app's Agents are watched: the playground or a loaded file stays.
    if (m_source != AppHttp && m_source != AppHttps)
        return;
    const int source = protocol == QLatin1String("https:") ? AppHttps : AppHttp;
    if (m_source != source)
        setSource(source);
    m_lanes->selectSocket(group, socket);
    const QModelIndex row = m_model->socketIndex(group, socket);
    if (row.isValid()) {
        m_tree->setCurrentIndex(row);
        m_tree->scrollTo(row);
    }
}
