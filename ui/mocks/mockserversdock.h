#pragma once

#include "mockengine.h"

#include <QDockWidget>
#include <QSet>
#include <QTimer>

namespace wb {
class MockHost;
} // namespace wb
class MockRoutesModel;
class MockServersModel;
class QCheckBox;
class QFileSystemWatcher;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

/// Mock servers: those of the open mock files with their address, state and requests served
/// (start, stop, restart, open, save), and the selected server's routes in the order they are
/// tried (switch one off, move it, add, delete), the selected route's JSON checked as you type
/// and applied to the running server from its next request. Mockoon's environment list.
class MockServersDock : public QDockWidget {
    Q_OBJECT
public:
    MockServersDock(wb::MockHost *host, QWidget *parent = nullptr);

    /// Opens a mock file: its servers join the list, stopped; a file open already has its first
    /// server selected instead. False (and why) when broken.
    bool openFile(const QString &path, QString *error);
    /// The server selected (0 when none).
    int currentServer() const;
    void selectServer(int id);
    /// Writes the servers of `file` back to it, or to `to` (atomically).
    bool saveFile(const QString &file, QString *error, const QString &to = {});
    /// Files with changes not saved.
    const QSet<QString> &modifiedFiles() const { return m_modified; }
    /// Before the window closes: true when nothing is unsaved, or the user saved or discarded it.
    bool maySaveAll();
    /// Reads `file` again (changed on disk): its servers take its routes. False (and why, with
    /// the file, line and field) when it is broken; nothing changes then.
    bool reloadFile(const QString &file, QString *error);
    /// Files changed on disk since opened or saved here.
    const QSet<QString> &changedOnDisk() const { return m_changedOnDisk; }
    /// Appends a route answering like `entry` did to server `id`, and selects it.
    void addRouteFor(int id, const wb::MockEngine::LogEntry &entry);
    /// While on, every answer server `id` proxies becomes one of its routes (WireMock's record).
    void setRecording(int id, bool on);
    bool isRecording(int id) const { return m_recording.contains(id); }
    /// A new server (no routes, any free port), or a copy of the selected one; it is selected.
    int addServer(bool copySelected);
    MockRoutesModel *routesModel() const { return m_routes; }
    MockServersModel *serversModel() const { return m_servers; }

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    void showServer();
    void showRoute();
    void applyEditor();
    void routesEdited();
    void startSelected(bool restart);
    void updateFileLine();
    void record(const QList<wb::MockEngine::LogEntry> &batch);
    static std::optional<wb::MockRoute> routeFor(const wb::MockEngine::LogEntry &entry,
                                                 QString *error);
    int currentRoute() const;
    /// Saves `file`, asking where when `elsewhere` or it has no place of its own (made in the
    /// app, built in).
    bool saveInteractively(const QString &file, bool elsewhere = false);
    /// Before leaving the route shown: false when its text has an error the user keeps editing.
    bool mayLeaveRoute();
    int m_routeShown = -1;
    bool m_editInvalid = false; // the editor's text has an error: not applied

    wb::MockHost *m_host;
    MockServersModel *m_servers;
    QTableView *m_serverView;
    MockRoutesModel *m_routes;
    QTableView *m_routeView;
    QPlainTextEdit *m_editor;
    QLabel *m_problem;
    QLabel *m_file;
    QPushButton *m_save;
    QTimer m_applyLater;
    int m_shownServer = 0;
    bool m_filling = false;
    QSet<QString> m_modified;
    QSet<int> m_recording;
    QSet<QString> m_changedOnDisk;
    QSet<QString> m_ownWrites; // files this dock just wrote: their change is not news
    QFileSystemWatcher *m_watcher;
    QPushButton *m_reload;
    QCheckBox *m_record;
};
