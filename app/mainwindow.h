#pragma once

#include "exchange.h"
#include "exchangerecord.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>

namespace http {
class Agent;
} // namespace http
class ComposerWidget;
class QComboBox;
class QListWidget;
class QTreeView;
class SavedRequestsModel;
class Workspace;
class MockEngine;
class ResponseView;

/// The desktop app's main window: the composer above, what came back below. On start it runs the
/// demo mock server (resources/demo.mock.json) in a worker thread, so the GUI thread never does
/// server work, and aims the composer at it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Sends what the composer holds (as the Send button does).
    void send();
    void cancel();
    /// The URL of the demo server ("" when it could not start).
    QString demoUrl() const { return m_demoUrl; }
    /// Fills the composer from a curl command line; false (and a message) if it cannot.
    bool importCurl(const QString &commandLine);
    /// The request as it would be sent (variables filled in) as a curl command.
    QString exportCurl() const;
    /// Saves the composed request in the workspace as `collection`/`name`.
    bool saveRequest(const QString &collection, const QString &name);
    /// Save request… (Ctrl+S): asks for the name and collection, proposing the current ones.
    bool saveInteractively();
    /// The composer differs from what was last loaded, saved or sent (the title shows it).
    bool isModified() const;
    /// Writes the history as HAR 1.2.
    bool exportHar(const QString &path);
    /// Loads the history entry shown in row `row` (newest first) into the composer.
    void loadHistoryEntry(int row);
    /// Loads the n-th saved request into the composer.
    void loadSavedRequest(int index);
    /// Deletes the n-th saved request (its file too).
    bool deleteSavedRequest(int index);
    /// Writes the whole body of the last response to `path`.
    bool saveResponseBody(const QString &path);
    /// The request with the active environment's {{variables}} filled in: what is sent.
    Exchange::Request resolvedRequest() const;
    /// Replaces the workspace's environments (saved at once) and makes `active` the one in use.
    bool setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                         const QString &active);
    /// Opens the environment editor; what it saves becomes the workspace's environments.
    void editEnvironments();
    Workspace *workspace() const { return m_workspace.get(); }
    /// History keeps this much of each response body and of its wire bytes.
    static constexpr qsizetype kHistoryKeptBytes = 32 * 1024;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// What the composer holds, as a saved request (no collection or name).
    SavedRequest composerState() const;
    void showInComposer(const SavedRequest &request);
    void startDemoServer();
    /// Before the composer is replaced: true when it has no unsaved changes, or the user saved
    /// or discarded them.
    bool mayReplaceComposer();
    /// Cancels and forgets the exchange shown; the response view is emptied.
    void dropShownExchange();
    /// What the composer holds now is the unmodified state.
    void setBaseline();
    void updateTitle();
    void refresh();
    /// Shows an exchange (running, done, or read back from history) in the response view.
    void showRecord(const ExchangeRecord &record);
    void setUpWorkspaceDock();
    void reloadWorkspaceViews();
    /// Appends an exchange to history with the composer's state when it was sent.
    void recordHistory(const ExchangeRecord &record, const Exchange::Request &request,
                       const QJsonObject &composed);
    /// Lets go of the exchange shown: one still running is cancelled (history keeps it).
    void releaseExchange();
    void start(const Exchange::Request &request);
    /// The next request when `x` answered with a redirect to follow, else nothing.
    std::optional<Exchange::Request> redirectFrom(const Exchange &x,
                                                  const Exchange::Request &request) const;

    ComposerWidget *m_composer;
    ResponseView *m_response;
    http::Agent *m_httpAgent;
    http::Agent *m_httpsAgent;
    QPointer<Exchange> m_exchange;
    std::optional<ExchangeRecord> m_historyShown; // a history entry shown instead of m_exchange
    QJsonValue m_historyTime;                     // … its time, which names it
    QJsonObject m_sent;                           // the composer's state when Send was pressed
    QJsonObject m_baseline;                       // … when last loaded, saved or sent
    QString m_current;                            // "collection/name" of the saved request loaded
    QStringList m_hops;                           // "302 http://…/old" for each redirect followed
    QList<Exchange::WireChunk> m_hopWire;         // the bytes of the hops before this one
    QElapsedTimer m_bodyShownAt;                  // when the body view was last redrawn
    QTimer m_tick;                                // the elapsed time runs while nothing arrives
    QTimer m_refresh; // at most ~30 view updates a second while bytes stream in
    QThread m_serverThread;
    MockEngine *m_engine = nullptr; // lives in m_serverThread
    QString m_demoUrl;
    std::unique_ptr<Workspace> m_workspace;
    SavedRequestsModel *m_savedModel = nullptr;
    QTreeView *m_savedView = nullptr;
    QListWidget *m_history = nullptr;
    QComboBox *m_environment = nullptr;
};
