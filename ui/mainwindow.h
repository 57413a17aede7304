#pragma once

#include "mockthread.h"

#include <QMainWindow>

namespace wb {
class Session;
} // namespace wb
class RequestTab;
class RequestTabs;
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
    /// The URL of the demo server ("" when it could not start).
    QString demoUrl() const { return m_demoUrl; }
    /// Writes the history as HAR 1.2.
    bool exportHar(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    /// The menu named `name` ("file", "edit", "view"), made on first use.
    QMenu *menu(const QString &name, const QString &title = {});
    void startDemoServer();
    void updateTitle();
    void showMessage(const QString &text, int timeoutMs);

    wb::Session *m_session;
    RequestTabs *m_tabs;
    WorkspaceDock *m_dock;
    wb::MockThread m_mocks;
    QString m_demoUrl;
};
