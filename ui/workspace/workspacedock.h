#pragma once

#include <QDockWidget>
#include <QJsonObject>

namespace wb {
class Request;
class Session;
class Variables;
} // namespace wb
class HistoryModel;
class QAction;
class QComboBox;
class QListView;
class QTreeView;
class SavedRequestsModel;

/// The workspace dock: the active environment (and its editor), saved requests as a tree of
/// collections, and history. No Node equivalent.
class WorkspaceDock : public QDockWidget {
    Q_OBJECT
public:
    WorkspaceDock(wb::Session *session, QWidget *parent = nullptr);

    /// Environments… (Ctrl+E), for the window's menu.
    QAction *environmentsAction() const { return m_environments; }
    /// Reads the workspace again (after a request is saved).
    void reload();
    /// Replaces the environments (saved at once) and makes `active` the one in use.
    bool setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                         const QString &active);
    /// Deletes the n-th saved request and its file.
    bool deleteSavedRequest(int index);
    HistoryModel *historyModel() const { return m_historyModel; }

Q_SIGNALS:
    void openRequested(const wb::Request &request);
    void historyEntryRequested(const QJsonObject &entry);
    /// The active environment's variables changed.
    void variablesChanged(const wb::Variables &variables);
    void message(const QString &text, int timeoutMs);

private:
    void editEnvironments();

    wb::Session *m_session;
    QComboBox *m_environment;
    SavedRequestsModel *m_savedModel;
    QTreeView *m_savedView;
    HistoryModel *m_historyModel;
    QListView *m_history;
    QAction *m_environments;
};
