#pragma once

#include "mockhost.h"

#include <QMainWindow>

namespace wb {
class Session;
} // namespace wb
class RequestTab;
class RequestTabs;
class MockLogDock;
class MockServersDock;
class PoolDock;
class QSplitter;
class WorkspaceDock;

/// The desktop app's shell: the request tabs in the middle, docks around them, the menus, and
/// the wiring between them. On start it runs the demo mock server (resources/demo.mock.json) in
/// a worker thread and, on a first start, aims a tab at it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    wb::Session *session() const { return m_session; }
    RequestTabs *tabs() const { return m_tabs; }
    /// The current tab (there is always one).
    RequestTab *currentTab() const;
    WorkspaceDock *workspaceDock() const { return m_dock; }
    MockServersDock *mockServersDock() const { return m_mockServers; }
    MockLogDock *mockLogDock() const { return m_mockLog; }
    PoolDock *poolDock() const { return m_pool; }
    wb::MockHost *mockHost() const { return m_mocks; }
    /// The URL of the demo server ("" when it could not start).
    QString demoUrl() const { return m_demoUrl; }
    /// Closes without asking (a stop signal): open tabs are kept, unsaved mock edits are not.
    void closeForStop();
    /// Writes the history as HAR 1.2.
    bool exportHar(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    /// The menu named `name` ("file", "edit", "view"), made on first use.
    QMenu *menu(const QString &name, const QString &title = {});
    /// The named splitters inside the docks: where the user drags them is kept across starts.
    QList<QSplitter *> dockSplitters() const;
    static QString dockSplitterKey(const QSplitter *splitter);
    void startDemoServer();
    void updateTitle();
    void showMessage(const QString &text, int timeoutMs);

    wb::Session *m_session;
    RequestTabs *m_tabs;
    WorkspaceDock *m_dock;
    wb::MockHost *m_mocks;
    MockServersDock *m_mockServers;
    MockLogDock *m_mockLog;
    PoolDock *m_pool;
    QString m_demoUrl;
    bool m_stopping = false;
};
