#pragma once

#include "poolrecorder.h"

#include <QDockWidget>

#include <memory>
#include <vector>

namespace http {
class Agent;
} // namespace http
namespace wb {
class Burst;
class Session;
} // namespace wb
class PoolEventsModel;
class PoolLanesView;
class PoolModel;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;

/// The Agent socket-pool visualiser: the app's shared Agents (every tab sends through them) or a
/// playground Agent whose options change live, drawn socket by socket as requests come and go.
/// "Fire N requests" makes a burst; the view can be paused and stepped through event by event,
/// backwards too, each event explained; the events export as JSON lines (`send --pool-events`)
/// and load back for replay.
class PoolDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PoolDock(wb::Session *session, QWidget *parent = nullptr);
    ~PoolDock() override;

    /// Where "Fire" aims by default (the demo server's 300 ms route).
    void setDefaultUrl(const QString &url);

    /// The sources: 0 the app's http: Agent, 1 its https: Agent, 2 the playground, 3 a loaded
    /// file (once one is loaded).
    enum Source { AppHttp, AppHttps, Playground, Loaded };
    void setSource(int source);
    int source() const;
    http::Agent *agent() const;
    void fire(const QString &url, int count, int concurrency);
    void stopFiring();
    bool isFiring() const;

    /// Pausing keeps the lanes where they are; live follows every event.
    void setLive(bool on);
    bool isLive() const { return m_live; }
    void stepBack();
    void stepForward();
    /// Shows the pools as they were after `count` events.
    void stepTo(qsizetype count);
    qsizetype step() const { return m_step; }

    bool exportEvents(const QString &path, QString *error = nullptr) const;
    bool loadEvents(const QString &path, QString *error = nullptr);
    /// Lights up the socket that carried an exchange of the app's Agents (while they are the
    /// ones watched).
    void showSocket(const QString &protocol, const QString &group, quint64 socket);

    PoolModel *model() const { return m_model; }
    PoolEventsModel *eventsModel() const { return m_events; }
    PoolLanesView *lanes() const { return m_lanes; }
    QTreeView *tree() const { return m_tree; }

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    struct Watched {
        http::Agent *agent = nullptr;
        wb::PoolRecorder *recorder = nullptr;
    };
    QWidget *buildControls();
    void onRecorded(int source, const wb::PoolRecorder::Event &event);
    void showAll();
    void applyPlaygroundOptions();
    /// The options of the Agent watched, in the column beside the lanes.
    void showOptions();
    void updateProgress();
    /// The slider at the step shown (without stepping again).
    void syncStep();
    void updateLimits();
    void updateStepLabel();
    void tick();
    void exportClicked();
    void loadClicked();
    void clear();

    wb::Session *m_session;
    Watched m_watched[3];
    http::Agent *m_playground;
    std::unique_ptr<wb::Burst> m_burst;
    int m_source = AppHttp;
    bool m_live = true;
    bool m_syncing = false; ///< set while the view moves the slider or the table itself
    qsizetype m_step = 0;
    QString m_loadedName;

    PoolModel *m_model;
    PoolEventsModel *m_events;
    PoolLanesView *m_lanes;
    QTreeView *m_tree;
    QTableView *m_table;
    QTimer *m_clock;

    QComboBox *m_sourceBox;
    QGroupBox *m_options;
    QScrollArea *m_optionsArea;
    QCheckBox *m_keepAlive;
    QSpinBox *m_keepAliveMsecs;
    QSpinBox *m_maxSockets;
    QSpinBox *m_maxFreeSockets;
    QSpinBox *m_maxTotalSockets;
    QComboBox *m_scheduling;
    QSpinBox *m_timeout;
    QLineEdit *m_url;
    QSpinBox *m_count;
    QSpinBox *m_concurrency;
    QPushButton *m_fire;
    QCheckBox *m_newRun;
    QLabel *m_progress;
    QToolButton *m_liveButton;
    QToolButton *m_back;
    QToolButton *m_forward;
    QToolButton *m_clearButton;
    QSlider *m_slider;
    QLabel *m_stepLabel;
};
