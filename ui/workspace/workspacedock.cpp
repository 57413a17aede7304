#include "workspacedock.h"

#include "environmentdialog.h"
#include "historymodel.h"
#include "savedrequestsmodel.h"
#include "session.h"

#include <QAction>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

WorkspaceDock::WorkspaceDock(wb::Session *session, QWidget *parent)
    : QDockWidget(tr("Workspace"), parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("workspaceDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                QDockWidget::DockWidgetClosable);
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    m_environment = new QComboBox(panel);
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setToolTip(
        tr("{{variables}} in the URL, headers and body come from this environment "
           "(environments.json in the workspace folder)"));
    m_savedModel = new SavedRequestsModel(this);
    m_savedView = new QTreeView(panel);
    m_savedView->setObjectName(QStringLiteral("savedRequests"));
    m_savedView->setModel(m_savedModel);
    m_savedView->header()->hide();
    m_historyModel = new HistoryModel(session->workspace(), this);
    m_history = new QListView(panel);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setModel(m_historyModel);
    m_history->setUniformItemSizes(true);
    layout->addWidget(new QLabel(tr("Environment"), panel));
    auto *environmentRow = new QHBoxLayout;
    environmentRow->addWidget(m_environment, 1);
    auto *editEnvironments = new QToolButton(panel);
    editEnvironments->setText(tr("Edit…"));
    editEnvironments->setToolTip(tr("Edit environments and their variables (Ctrl+E)"));
    environmentRow->addWidget(editEnvironments);
    layout->addLayout(environmentRow);
    layout->addWidget(new QLabel(tr("Saved requests (Ctrl+S saves)"), panel));
    layout->addWidget(m_savedView, 2);
    layout->addWidget(new QLabel(tr("History"), panel));
    layout->addWidget(m_history, 1);
    setWidget(panel);
    setFocusProxy(m_savedView);

    m_environments = new QAction(tr("&Environments…"), this);
    m_environments->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_environments, &QAction::triggered, this, &WorkspaceDock::editEnvironments);
    connect(editEnvironments, &QToolButton::clicked, m_environments, &QAction::trigger);
    connect(m_environment, &QComboBox::activated, this, [this] {
        setEnvironments(m_session->workspace()->environments(), m_environment->currentIndex() == 0
                                                                    ? QString()
                                                                    : m_environment->currentText());
    });

    auto open = [this](const QModelIndex &index) {
        const int i = index.data(SavedRequestsModel::RequestIndexRole).toInt();
        if (i >= 0 && i < m_session->workspace()->requests().size())
            Q_EMIT openRequested(m_session->workspace()->requests()[i]);
    };
    // A click opens (as in History), Enter too; Ctrl+Enter is Send wherever the focus is.
    connect(m_savedView, &QTreeView::clicked, this, open);
    connect(m_savedView, &QTreeView::activated, this, [open](const QModelIndex &index) {
        if (!(QGuiApplication::keyboardModifiers() & Qt::ControlModifier))
            open(index);
    });
    // Open and Delete on a saved request: its context menu, and the Delete key.
    m_savedView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *openAction = new QAction(tr("Open"), m_savedView);
    connect(openAction, &QAction::triggered, this,
            [this, open] { open(m_savedView->currentIndex()); });
    auto *remove = new QAction(tr("Delete…"), m_savedView);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] {
        const QModelIndex current = m_savedView->currentIndex();
        const int index = current.data(SavedRequestsModel::RequestIndexRole).toInt();
        if (current.isValid() && index >= 0 &&
            QMessageBox::question(
                this, tr("Delete saved request"),
                tr("Delete \"%1\" and its file?").arg(current.data().toString())) ==
                QMessageBox::Yes)
            deleteSavedRequest(index);
    });
    m_savedView->addActions({openAction, remove});

    m_history->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *clearHistory = new QAction(tr("Clear history"), m_history);
    connect(clearHistory, &QAction::triggered, this, [this] {
        QString error;
        if (!m_session->workspace()->clearHistory(&error))
            Q_EMIT message(error, 8000);
        m_historyModel->reload();
    });
    m_history->addAction(clearHistory);
    // A click loads an entry (Enter too).
    auto loadEntry = [this](const QModelIndex &index) {
        Q_EMIT historyEntryRequested(m_historyModel->entry(index.row()));
    };
    connect(m_history, &QListView::clicked, this, loadEntry);
    connect(m_history, &QListView::activated, this, loadEntry);
    connect(session, &wb::Session::historyChanged, m_historyModel, &HistoryModel::reload);
    reload();
}

void WorkspaceDock::reload()
{
    const wb::Workspace *workspace = m_session->workspace();
    m_savedModel->setRequests(workspace->requests());
    m_savedView->expandAll();
    m_environment->clear();
    m_environment->addItem(tr("No environment"));
    m_environment->addItems(workspace->environments().keys());
    if (!workspace->activeEnvironment().isEmpty())
        m_environment->setCurrentText(workspace->activeEnvironment());
    m_historyModel->reload();
    Q_EMIT variablesChanged(workspace->variables());
}

bool WorkspaceDock::setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                                    const QString &active)
{
    QString error;
    const bool saved = m_session->workspace()->setEnvironments(environments, active, &error);
    if (!saved)
        Q_EMIT message(error, 8000);
    reload();
    return saved;
}

void WorkspaceDock::editEnvironments()
{
    const wb::Workspace *workspace = m_session->workspace();
    EnvironmentDialog dialog(workspace->environments(), workspace->activeEnvironment(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EnvironmentDialog::Environments edited = dialog.environments();
    const QString active = workspace->activeEnvironment();
    setEnvironments(edited, edited.contains(active) ? active : dialog.current());
}

bool WorkspaceDock::deleteSavedRequest(int index)
{
    wb::Workspace *workspace = m_session->workspace();
    if (index < 0 || index >= workspace->requests().size())
        return false;
    const wb::Request r = workspace->requests()[index];
    QString error;
    if (!workspace->removeRequest(r.collection, r.name, &error)) {
        Q_EMIT message(error, 8000);
        return false;
    }
    reload();
    Q_EMIT message(tr("Deleted \"%1\"").arg(r.name), 4000);
    return true;
}
