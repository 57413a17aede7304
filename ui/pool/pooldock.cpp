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
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
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
    // The Agent's options at the left, the lanes in the middle (they take the height), the
    // events and the sockets at the right.
    auto *split = new QSplitter(Qt::Horizontal, body);
    split->setObjectName(QStringLiteral("poolSplitter"));
    // Scrolls rather than making the dock (and the bottom dock area) taller than it needs.
    m_optionsArea = new QScrollArea(split);
    m_optionsArea->setWidget(m_options);
    m_optionsArea->setWidgetResizable(true);
    m_optionsArea->setFrameShape(QFrame::NoFrame);
    m_optionsArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_optionsArea->setMinimumWidth(m_options->sizeHint().width() +
                                   style()->pixelMetric(QStyle::PM_ScrollBarExtent));
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
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    split->setCollapsible(1, false);
    split->setSizes({210, 800, 400});
    layout->addWidget(split, 1);
    setWidget(body);

    // Linked both ways: an event, a socket row, a lane or a bar selects the same thing.
    // A row made current (click, arrow keys, Home/End) shows the pools at that event.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &i) {
                if (!m_syncing && i.isValid())
                    stepTo(qsizetype(i.row()) + 1);
            });
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
        // Its first event in the table, selected without moving the step.
        const auto &events = m_events->events();
        const auto first = std::find_if(events.cbegin(), events.cend(),
                                        [request](const auto &e) { return e.request == request; });
        if (first != events.cend()) {
            const QScopedValueRollback<bool> syncing(m_syncing, true);
            const QModelIndex at = m_events->index(int(first - events.cbegin()), 0);
            m_table->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
            m_table->scrollTo(at);
        }
    });

    // The clock: only while live and something in the pools is open (idle times run).
    m_clock->setInterval(100);
    connect(m_clock, &QTimer::timeout, this, &PoolDock::tick);
    setSource(Playground); // its maxSockets 2 makes a burst queue at once
}

PoolDock::~PoolDock()
{
    // The playground Agent goes with the dock's children and closes its sockets: nothing of
    // that may reach a dock being destroyed.
    for (const Watched &w : m_watched)
        w.recorder->disconnect(this);
    m_burst.reset();
}

QWidget *PoolDock::buildControls()
{
    auto *box = new QWidget;
    auto *rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);

    // Row 1: which Agent, and a burst to fire through it.
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
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("fireUrl"));
    m_url->setPlaceholderText(tr("URL to fire at"));
    m_url->setMinimumWidth(160);
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
    m_newRun = new QCheckBox(tr("new run"));
    m_newRun->setObjectName(QStringLiteral("newRun"));
    m_newRun->setChecked(true);
    m_newRun->setToolTip(tr("Fire clears the events so far, so the burst fills the view (idle "
                            "sockets show again as soon as a request takes one)"));
    m_progress = new QLabel;
    m_progress->setObjectName(QStringLiteral("fireProgress"));
    m_progress->setWordWrap(true);
    m_progress->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progress->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row1->addWidget(m_url, 2);
    row1->addWidget(m_count);
    row1->addWidget(m_concurrency);
    row1->addWidget(m_fire);
    row1->addWidget(m_newRun);
    rows->addLayout(row1);

    // Row 2: step through the events; export and load.
    auto *row2 = new QHBoxLayout;
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
    m_slider->setToolTip(tr("The events, first to last: drag, click or use the arrow keys"));
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing && v != m_step)
            stepTo(v);
    });
    auto *exportButton = tool(tr("Export…"), QStringLiteral("export"),
                              tr("The events as JSON lines, as `wirebench send --pool-events` "
                                 "prints them"));
    connect(exportButton, &QToolButton::clicked, this, &PoolDock::exportClicked);
    auto *loadButton =
        tool(tr("Load…"), QStringLiteral("load"), tr("Replay a JSON lines file of pool events"));
    connect(loadButton, &QToolButton::clicked, this, &PoolDock::loadClicked);
    m_clearButton = tool(tr("Clear"), QStringLiteral("clear"),
                         tr("Forget the events (not while a burst runs: its queued requests "
                            "would be lost from view)"));
    connect(m_clearButton, &QToolButton::clicked, this, &PoolDock::clear);
    row2->addWidget(m_liveButton);
    row2->addWidget(m_back);
    row2->addWidget(m_slider, 1);
    row2->addWidget(m_forward);
    for (QWidget *w : {exportButton, loadButton, m_clearButton})
        row2->addWidget(w);
    rows->addLayout(row2);

    m_stepLabel = new QLabel;
    m_stepLabel->setObjectName(QStringLiteral("stepLabel"));
    m_stepLabel->setWordWrap(true);
    m_stepLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stepLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The step explained at the left, the burst's progress (or why Fire refused) at the right;
    // both wrap rather than being cut.
    auto *row3 = new QHBoxLayout;
    row3->addWidget(m_stepLabel, 3);
    row3->addWidget(m_progress, 2);
    rows->addLayout(row3);

    // The options, under Node's names, in a column beside the lanes: the playground's are
    // editable; an app Agent's are shown as they are.
    m_options = new QGroupBox;
    m_options->setObjectName(QStringLiteral("agentOptions"));
    auto *form = new QFormLayout(m_options);
    form->setContentsMargins(6, 6, 6, 6);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const http::Agent::Options &o = m_playground->options();
    m_keepAlive = new QCheckBox;
    m_keepAlive->setObjectName(QStringLiteral("pool-keepAlive"));
    m_keepAlive->setChecked(o.keepAlive);
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
    auto row = [form](const QString &name, QWidget *w, const QString &tip) {
        auto *label = new QLabel(name);
        label->setBuddy(w);
        label->setToolTip(tip);
        w->setToolTip(tip);
        form->addRow(label, w);
    };
    row(QStringLiteral("keepAlive"), m_keepAlive,
        tr("Keep a finished socket in agent.freeSockets for the next request. Off, a socket "
           "closes once no request waits for it: with a finite maxSockets Node still sends "
           "Connection: keep-alive and hands a finished socket to the next queued request, so "
           "set maxSockets to Infinity (0) to see one socket per request."));
    row(QStringLiteral("keepAliveMsecs"), m_keepAliveMsecs,
        tr("TCP keep-alive probes start after this idle time (socket.setKeepAlive)."));
    row(QStringLiteral("maxSockets"), m_maxSockets,
        tr("Sockets per pool (host:port:…) at once; more requests wait in agent.requests. "
           "0: Infinity."));
    row(QStringLiteral("maxFreeSockets"), m_maxFreeSockets,
        tr("Idle sockets kept per pool; a socket freed beyond this is destroyed."));
    row(QStringLiteral("maxTotalSockets"), m_maxTotalSockets,
        tr("Sockets at once across every pool of the agent. 0: Infinity."));
    row(QStringLiteral("scheduling"), m_scheduling,
        tr("Which idle socket the next request takes: lifo the most recently used, fifo the "
           "longest idle."));
    row(QStringLiteral("timeout"), m_timeout,
        tr("An idle socket in agent.freeSockets is destroyed after this long."));
    for (QSpinBox *spin :
         {m_keepAliveMsecs, m_maxSockets, m_maxFreeSockets, m_maxTotalSockets, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &PoolDock::applyPlaygroundOptions);
    connect(m_keepAlive, &QCheckBox::toggled, this, &PoolDock::applyPlaygroundOptions);
    connect(m_scheduling, &QComboBox::currentIndexChanged, this, &PoolDock::applyPlaygroundOptions);
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
    m_progress->clear();
    if (source < Loaded) {
        const QList<wb::PoolRecorder::Event> &kept = m_watched[source].recorder->events();
        m_events->setEvents({kept.cbegin(), kept.cend()});
        m_burst = std::make_unique<wb::Burst>(m_watched[source].agent);
        connect(m_burst.get(), &wb::Burst::progress, this, &PoolDock::updateProgress);
        connect(m_burst.get(), &wb::Burst::done, this, [this] {
            m_fire->setText(tr("Fire"));
            m_clearButton->setEnabled(true);
            updateProgress();
        });
        m_fire->setText(tr("Fire"));
        m_clearButton->setEnabled(true);
    }
    m_fire->setEnabled(source < Loaded);
    m_step = qsizetype(m_events->events().size()); // the new source's events, all shown
    showOptions();
    setLive(source < Loaded);
    if (source == Loaded)
        stepTo(qsizetype(m_events->events().size()));
}

void PoolDock::showOptions()
{
    const http::Agent *a = agent();
    m_optionsArea->setVisible(a != nullptr);
    if (a) {
        // An app Agent's options are shown as they are, not edited: every tab relies on them.
        const QScopedValueRollback<bool> syncing(m_syncing, true);
        const http::Agent::Options &o = a->options();
        m_keepAlive->setChecked(o.keepAlive);
        m_keepAliveMsecs->setValue(o.keepAliveMsecs);
        m_maxSockets->setValue(o.maxSockets == INT_MAX ? 0 : o.maxSockets);
        m_maxFreeSockets->setValue(o.maxFreeSockets == INT_MAX ? 0 : o.maxFreeSockets);
        m_maxTotalSockets->setValue(o.maxTotalSockets == INT_MAX ? 0 : o.maxTotalSockets);
        m_scheduling->setCurrentIndex(o.scheduling == http::Agent::Scheduling::Fifo ? 1 : 0);
        m_timeout->setValue(o.timeout);
        m_options->setTitle(m_source == Playground ? tr("Playground Agent")
                                                   : tr("%1 Agent (read-only)").arg(o.protocol));
        for (QWidget *w : std::initializer_list<QWidget *>{
                 m_keepAlive, m_keepAliveMsecs, m_maxSockets, m_maxFreeSockets, m_maxTotalSockets,
                 m_scheduling, m_timeout})
            w->setEnabled(m_source == Playground);
    }
    updateLimits();
}
void PoolDock::applyPlaygroundOptions()
{
    if (m_syncing || m_source != Playground)
        return;
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
    qsizetype queued = 0;
    for (const QList<http::ClientRequest *> &list : m_playground->requests())
        queued += list.size();
    if (queued > 0)
        m_stepLabel->setText(tr("Options changed. As in Node, the pool uses them at its next "
                                "decision (a socket freed or closed, a request added): the %n "
                                "queued request(s) wait until then.",
                                nullptr, int(queued)));
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
    auto refuse = [this](const QString &why) {
        m_progress->setText(QStringLiteral("⚠ ") + why);
        Q_EMIT message(tr("Fire: %1").arg(why), 6000);
    };
    const QUrl parsed(url.contains(QLatin1String("://")) ? url : QStringLiteral("http://") + url,
                      QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() || parsed.port() == 0 ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
        refuse(tr("\"%1\" is not an http:// or https:// URL with a host (and a port from 1 to "
                  "65535)")
                   .arg(url));
        return;
    }
    const QString protocol = parsed.scheme() + u':';
    if (m_source < Loaded && m_watched[m_source].agent->options().protocol != protocol) {
        if (m_source == Playground) {
            refuse(tr("the playground Agent is an http.Agent: fire at an http:// URL, or watch "
                      "the app's https: Agent"));
            return;
        }
        setSource(protocol == QLatin1String("https:") ? AppHttps : AppHttp);
    }
    wb::Request r;
    r.url = parsed.toString();
    if (const QString problem = r.problem({}); !problem.isEmpty()) {
        refuse(problem);
        return;
    }
    if (m_newRun->isChecked())
        clear();
    setLive(true);
    m_fire->setText(tr("Stop"));
    m_clearButton->setEnabled(false);
    m_burst->start(r.prepare({}), count, concurrency);
}
void PoolDock::stopFiring()
{
    if (m_burst)
        m_burst->stop();
}

void PoolDock::updateProgress()
{
    const wb::Burst *b = m_burst.get();
    if (!b || b->count() == 0)
        return;
    QString text = tr("%1 of %2 done").arg(b->finished()).arg(b->count());
    if (b->isRunning())
        text += tr(" · %1 under way").arg(b->running());
    if (b->failed())
        text += tr(" · %1 failed").arg(b->failed());
    if (b->wasStopped())
        text = tr("stopped: %1 ended (%2 failed or cancelled) · %3 taken out of the queue · %4 "
                  "not sent")
                   .arg(b->finished())
                   .arg(b->failed())
                   .arg(b->dropped())
                   .arg(b->count() - b->started());
    m_progress->setText(text);
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
    if (m_live) {
        m_model->apply(event);
        m_step = qsizetype(m_events->events().size());
        m_lanes->setNow(event.ms);
        if (!m_clock->isActive())
            m_clock->start();
    }
    syncStep();
    updateStepLabel();
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
    syncStep();
    m_lanes->setNow(m_source < Loaded ? m_watched[m_source].recorder->now()
                                      : (events.empty() ? 0 : events.back().ms));
    m_clock->start();
}

void PoolDock::syncStep()
{
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    m_slider->setMaximum(int(m_events->events().size()));
    m_slider->setValue(int(m_step));
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
    syncStep();
    m_events->setCurrent(int(count) - 1);
    if (count > 0) {
        const QScopedValueRollback<bool> syncing(m_syncing, true);
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
    m_step = std::min(m_step, qsizetype(events.size())); // the oldest events may have gone
    m_back->setEnabled(m_step > 0);
    m_forward->setEnabled(m_step < qsizetype(events.size()));
    if (events.empty()) {
        m_stepLabel->setText(
            m_source == Playground
                ? tr("No events yet. Fire a burst at the demo server's /pool route (300 ms): with "
                     "maxSockets 2, two sockets carry ten requests while the rest wait.")
                : tr("No events yet. Send from a request tab (every tab sends through this "
                     "Agent: keepAlive, maxSockets Infinity), or fire a burst."));
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
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray all = file.readAll();
    // JSON lines (what Export writes), or one JSON array of the same objects.
    QList<std::pair<QString, QJsonValue>> items; // where ("file:line", "file: element N")
    if (all.trimmed().startsWith('[')) {
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(all, &parse);
        if (!doc.isArray())
            return fail(QStringLiteral("%1: not a JSON array: %2").arg(path, parse.errorString()));
        for (const QJsonValue &v : doc.array())
            items.append({QStringLiteral("%1: element %2").arg(path).arg(items.size() + 1), v});
    } else {
        int line = 0;
        for (const QByteArray &raw : all.split('\n')) {
            ++line;
            const QByteArray text = raw.trimmed();
            if (text.isEmpty())
                continue;
            QJsonParseError parse;
            const QJsonDocument doc = QJsonDocument::fromJson(text, &parse);
            const QString where = QStringLiteral("%1:%2").arg(path).arg(line);
            if (!doc.isObject())
                return fail(QStringLiteral("%1: not a JSON object: %2")
                                .arg(where, doc.isNull() ? parse.errorString()
                                                         : QStringLiteral("one event per line")));
            items.append({where, doc.object()});
        }
    }
    std::vector<wb::PoolRecorder::Event> events;
    for (const auto &[where, value] : std::as_const(items)) {
        if (!value.isObject())
            return fail(QStringLiteral("%1: not an event object").arg(where));
        QString why;
        const auto event = wb::PoolRecorder::Event::fromJson(value.toObject(), &why);
        if (!event)
            return fail(QStringLiteral("%1: %2").arg(where, why));
        events.push_back(*event);
    }
    if (events.empty())
        return fail(QStringLiteral("%1: no pool events in it").arg(path));
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
    m_lanes->setFit(true);
    m_lanes->setNow(0);
    m_progress->clear();
    syncStep();
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
