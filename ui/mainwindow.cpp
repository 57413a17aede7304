#include "mainwindow.h"

#include "harexport.h"
#include "mocklogdock.h"
#include "mockserversdock.h"
#include "mockserversmodel.h"
#include "pooldock.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "session.h"
#include "theme.h"
#include "workspacedock.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>

namespace {

QString workspacePath()
{
    if (qEnvironmentVariableIsSet("WIREBENCH_WORKSPACE"))
        return wb::Workspace::defaultPath();
    return QSettings().value(QStringLiteral("workspace"), wb::Workspace::defaultPath()).toString();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new wb::Session(workspacePath(), this))
    , m_tabs(new RequestTabs(m_session, this))
    , m_dock(new WorkspaceDock(m_session, this))
    , m_mocks(new wb::MockHost(this))
    , m_mockServers(new MockServersDock(m_mocks, this))
    , m_mockLog(new MockLogDock(m_mocks, this))
    , m_pool(new PoolDock(m_session, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/wirebench.svg")));
    setCentralWidget(m_tabs);
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    addDockWidget(Qt::LeftDockWidgetArea, m_mockServers);
    tabifyDockWidget(m_dock, m_mockServers);
    m_dock->raise();
    addDockWidget(Qt::BottomDockWidgetArea, m_mockLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_pool);
    tabifyDockWidget(m_mockLog, m_pool);
    m_mockLog->raise();
    connect(m_pool, &PoolDock::message, this, &MainWindow::showMessage);
    // The lanes need room: shown at the bottom, the pool dock takes at least half the window.
    connect(m_pool, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && dockWidgetArea(m_pool) == Qt::BottomDockWidgetArea &&
            m_pool->height() < height() / 2 - 20)
            QTimer::singleShot(0, this,
                               [this] { resizeDocks({m_pool}, {height() / 2}, Qt::Vertical); });
    });
    connect(m_mockLog, &MockLogDock::openInComposer, m_tabs,
            qOverload<const wb::Request &>(&RequestTabs::newTab));
    connect(m_mockLog, &MockLogDock::createRoute, this,
            [this](int id, const wb::MockEngine::LogEntry &entry) {
                m_mockServers->show();
                m_mockServers->raise();
                m_mockServers->addRouteFor(id, entry);
            });
    connect(m_mockServers, &MockServersDock::message, this, &MainWindow::showMessage);
    connect(m_tabs, &RequestTabs::currentTabChanged, this, &MainWindow::updateTitle);
    // The socket that carried the current tab's response lights up in the pool dock.
    connect(m_tabs, &RequestTabs::currentTabChanged, m_pool, [this] {
        const auto [protocol, connection] = currentTab()->connectionShown();
        if (connection.socket)
            m_pool->showSocket(protocol, connection.pool, connection.socket);
    });
    connect(m_tabs, &RequestTabs::requestSaved, m_dock, &WorkspaceDock::reload);
    connect(m_tabs, &RequestTabs::message, this, &MainWindow::showMessage);
    connect(m_dock, &WorkspaceDock::openRequested, m_tabs,
            qOverload<const wb::Request &>(&RequestTabs::open));
    connect(m_dock, &WorkspaceDock::historyEntryRequested, m_tabs, &RequestTabs::openHistoryEntry);
    connect(m_dock, &WorkspaceDock::variablesChanged, m_tabs, &RequestTabs::setVariables);
    connect(m_dock, &WorkspaceDock::message, this, &MainWindow::showMessage);
    connect(m_session, &wb::Session::problem, this,
            [this](const QString &p) { showMessage(p, 8000); });
    buildMenus();
    startDemoServer();
    if (!m_demoUrl.isEmpty())
        m_pool->setDefaultUrl(m_demoUrl + QStringLiteral("/pool"));
    if (!m_tabs->restore()) {
        wb::Request demo;
        if (!m_demoUrl.isEmpty()) {
            demo.url = m_demoUrl + QStringLiteral("/users/42");
            demo.headers = {{"Accept", "application/json"}};
        }
        m_tabs->newTab(demo);
    }
    if (!m_session->workspace()->problems().isEmpty())
        showMessage(tr("Some workspace files could not be read: %1")
                        .arg(m_session->workspace()->problems().join(QStringLiteral("; "))),
                    15000);
    resize(1200, 800);
    // A first start: the composer comes first, the docks wide enough to read.
    resizeDocks({m_mockLog}, {200}, Qt::Vertical);
    resizeDocks({m_dock}, {400}, Qt::Horizontal);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QByteArray splitter = settings.value(QStringLiteral("window/splitter")).toByteArray();
    for (int i = 0; i < m_tabs->count(); ++i)
        m_tabs->tab(i)->splitter()->restoreState(splitter);
    for (QSplitter *inDock : dockSplitters())
        inDock->restoreState(settings.value(dockSplitterKey(inDock)).toByteArray());
    updateTitle();
}

MainWindow::~MainWindow()
{
    delete m_tabs; // its runs go before the session's Agents
}

RequestTab *MainWindow::currentTab() const
{
    return m_tabs->current();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Open tabs and their unsaved contents come back on the next start; mock files do not.
    if (!m_stopping && !m_mockServers->maySaveAll()) {
        event->ignore();
        return;
    }
    m_tabs->saveTabs();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), currentTab()->splitter()->saveState());
    for (const QSplitter *inDock : dockSplitters())
        settings.setValue(dockSplitterKey(inDock), inDock->saveState());
    settings.setValue(QStringLiteral("workspace"), m_session->workspace()->path());
    QMainWindow::closeEvent(event);
}

QList<QSplitter *> MainWindow::dockSplitters() const
{
    QList<QSplitter *> found;
    for (const QDockWidget *dock : findChildren<QDockWidget *>())
        for (QSplitter *s : dock->findChildren<QSplitter *>())
            if (!s->objectName().isEmpty())
                found += s;
    return found;
}

QString MainWindow::dockSplitterKey(const QSplitter *splitter)
{
    return QStringLiteral("window/") + splitter->objectName();
}

QMenu *MainWindow::menu(const QString &name, const QString &title)
{
    if (auto *existing = menuBar()->findChild<QMenu *>(name))
        return existing;
    QMenu *m = menuBar()->addMenu(title);
    m->setObjectName(name);
    return m;
}

void MainWindow::buildMenus()
{
    QMenu *file = menu(QStringLiteral("file"), tr("&File"));
    file->addAction(tr("&New tab"), QKeySequence::AddTab, m_tabs,
                    qOverload<>(&RequestTabs::newTab));
    file->addAction(tr("&Close tab"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                    [this] { m_tabs->closeTab(m_tabs->currentIndex()); });
    file->addAction(tr("&Save request…"), QKeySequence::Save, this,
                    [this] { currentTab()->saveInteractively(); });
    file->addAction(tr("&Export history as HAR…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export history as HAR 1.2"),
                                         QStringLiteral("wirebench.har"), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            exportHar(path);
    });
    file->addSeparator();
    // Through close(), so the open tabs are kept.
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menu(QStringLiteral("edit"), tr("&Edit"));
    edit->addAction(tr("&Paste curl command"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                    [this] { currentTab()->importCurl(QGuiApplication::clipboard()->text()); });
    edit->addAction(tr("&Copy as curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                    [this] {
                        QGuiApplication::clipboard()->setText(currentTab()->exportCurl());
                        showMessage(tr("Copied the request as a curl command"), 4000);
                    });
    edit->addAction(m_dock->environmentsAction());

    QMenu *view = menu(QStringLiteral("view"), tr("&View"));
    auto cycle = [this](int step) {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + m_tabs->count()) %
                                m_tabs->count());
    };
    view->addAction(tr("&Next tab"), QKeySequence::NextChild, this, [cycle] { cycle(1); });
    view->addAction(tr("&Previous tab"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), this,
                    [cycle] { cycle(-1); });
    view->addSeparator();
    // Each dock: shown or hidden from here; Ctrl+1… shows it and puts the focus in it.
    QMenu *goTo = view->addMenu(tr("&Go to"));
    int key = Qt::Key_1;
    for (QDockWidget *dock :
         {static_cast<QDockWidget *>(m_dock), static_cast<QDockWidget *>(m_mockServers),
          static_cast<QDockWidget *>(m_mockLog), static_cast<QDockWidget *>(m_pool)}) {
        view->addAction(dock->toggleViewAction());
        goTo->addAction(dock->windowTitle(), QKeySequence(Qt::CTRL | Qt::Key(key++)), dock,
                        [this, dock] {
                            dock->show();
                            dock->raise();
                            dock->setFocus();
                        });
    }
    view->addSeparator();
    QMenu *themes = view->addMenu(tr("&Theme"));
    themes->setObjectName(QStringLiteral("theme"));
    auto *themeGroup = new QActionGroup(this);
    const QStringList themeNames{tr("&System"), tr("&Light"), tr("&Dark")};
    const int theme = QSettings().value(QStringLiteral("view/theme"), 0).toInt();
    for (int i = 0; i < themeNames.size(); ++i) {
        QAction *a = themes->addAction(themeNames[i], this, [i] {
            Theme::apply(Theme::Choice(i));
            QSettings().setValue(QStringLiteral("view/theme"), i);
        });
        a->setObjectName(QStringLiteral("theme%1").arg(i));
        a->setCheckable(true);
        a->setChecked(i == theme);
        themeGroup->addAction(a);
    }
    if (theme > 0 && theme < themeNames.size())
        Theme::apply(Theme::Choice(theme));
    // The shortcuts work wherever the focus is, menus shown or not.
    for (QMenu *m : {file, edit, view, goTo})
        addActions(m->actions());
}

void MainWindow::closeForStop()
{
    m_stopping = true;
    close();
}

void MainWindow::updateTitle()
{
    const RequestTab *tab = currentTab();
    if (!tab)
        return;
    // The saved request's path, else what its tab says.
    const wb::Request request = tab->request();
    const QString name = request.path().isEmpty()
                             ? QString::fromLatin1(request.method) + u' ' + tab->title()
                             : request.path();
    setWindowTitle(tr("%1[*] — Wirebench").arg(name));
    setWindowModified(tab->isModified());
}

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

bool MainWindow::exportHar(const QString &path)
{
    const QList<QJsonObject> &history = m_session->workspace()->history();
    QSaveFile out(path);
    const QByteArray json =
        QJsonDocument(wb::HarExport::toHar(history)).toJson(QJsonDocument::Indented);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) < 0 || !out.commit()) {
        showMessage(tr("%1: cannot write: %2").arg(path, out.errorString()), 10000);
        return false;
    }
    showMessage(tr("Exported %1 exchanges to %2").arg(history.size()).arg(path), 5000);
    return true;
}

void MainWindow::startDemoServer()
{
    QString error;
    const std::optional<wb::MockFile> demo =
        wb::MockFile::load(QStringLiteral(":/demo.mock.json"), &error);
    const QList<int> ids = demo ? m_mocks->add(*demo) : QList<int>();
    m_mockServers->serversModel()->reload();
    m_mockServers->selectServer(ids.value(0));
    const http::HttpError startError =
        ids.isEmpty() ? http::HttpError() : m_mocks->start(ids.first(), true);
    if (!demo || startError) {
        showMessage(
            tr("The demo mock server could not start: %1").arg(demo ? startError.message() : error),
            0);
        return;
    }
    m_demoUrl = m_mocks->server(ids.first())->url;
    // Kept in view (status messages come and go); plain text, so it reads in every theme.
    auto *label = new QLabel(tr("Demo mock server: %1 (this machine only)").arg(m_demoUrl), this);
    label->setObjectName(QStringLiteral("demoServer"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setToolTip(tr("resources/demo.mock.json, served in the background (Mock servers, "
                         "Ctrl+2)"));
    statusBar()->addPermanentWidget(label);
    connect(
        m_mocks, &wb::MockHost::serverChanged, label, [this, label, id = ids.first()](int changed) {
            const wb::MockHost::Server *s = m_mocks->server(changed);
            if (changed != id || !s)
                return;
            label->setText(s->state == wb::MockHost::State::Running
                               ? tr("Demo mock server: %1 (this machine only)").arg(s->url)
                               : tr("Demo mock server: %1")
                                     .arg(s->state == wb::MockHost::State::Failed ? tr("failed")
                                                                                  : tr("stopped")));
        });
}
