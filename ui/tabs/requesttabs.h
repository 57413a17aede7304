#pragma once

#include <QJsonObject>
#include <QTabWidget>
#include <QTimer>

namespace wb {
class Request;
class Session;
class Variables;
} // namespace wb
class RequestTab;

/// The open requests, one tab each (Ctrl+T new, Ctrl+W close, Ctrl+Tab next): method and name,
/// a dot when unsaved. There is always one. Open tabs and their unsaved contents are kept in
/// the workspace (tabs.json) and come back on the next start. No Node equivalent.
class RequestTabs : public QTabWidget {
    Q_OBJECT
public:
    explicit RequestTabs(wb::Session *session, QWidget *parent = nullptr);

    RequestTab *current() const;
    RequestTab *tab(int index) const;
    /// A new tab holding `request` (a scratch one by default), made current.
    RequestTab *newTab(const wb::Request &request);
    RequestTab *newTab();
    /// Closes a tab; one with unsaved changes asks first. False when the user keeps it.
    bool closeTab(int index);
    /// Opens a saved request: its tab if one is open, else the current tab when it is
    /// reusable (unchanged, not sending), else a new tab.
    void open(const wb::Request &request);
    /// Opens a history entry the same way (an entry already shown is left as it is).
    void openHistoryEntry(const QJsonObject &entry);
    void setVariables(const wb::Variables &variables);
    /// Tabs from the workspace's tabs.json; false when there were none.
    bool restore();
    /// Writes the open tabs, their unsaved contents and the current one to tabs.json (also done
    /// a second after each change).
    void saveTabs();
    /// A tab's text (its method is shown before it, coloured): the title, with a dot when it
    /// has unsaved changes.
    static QString labelFor(const RequestTab *tab);

Q_SIGNALS:
    /// The current tab, its title, its modified state or its response changed.
    void currentTabChanged();
    /// A tab saved its request (the workspace's list changed).
    void requestSaved();
    void message(const QString &text, int timeoutMs);

protected:
    void changeEvent(QEvent *event) override;

private:
    RequestTab *reusableTab();
    void updateTab(RequestTab *tab);

    wb::Session *m_session;
    QTimer m_saveLater; // tabs.json follows changes a second later (a crash loses no more)
};
