#include "mockserversdock.h"

#include "mockhost.h"
#include "mockrecorder.h"
#include "mockroutesmodel.h"
#include "mockserversmodel.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// A loaded file's warnings for the status bar, in short: the routes list marks each route.
QString warningsText(const wb::MockFile &file)
{
    const QString name = QFileInfo(file.fileName).fileName();
    return file.warnings.size() == 1
               ? QObject::tr("%1: a route can never match, marked in the routes list").arg(name)
               : QObject::tr("%1: %2 routes can never match, marked in the routes list")
                     .arg(name)
                     .arg(file.warnings.size());
}

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

QTableView *table(QAbstractItemModel *model, const char *name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QLatin1String(name));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}

} // namespace

MockServersDock::MockServersDock(wb::MockHost *host, QWidget *parent)
    : QDockWidget(tr("Mock servers"), parent)
    , m_host(host)
    , m_servers(new MockServersModel(host, this))
    , m_routes(new MockRoutesModel(this))
{
    setObjectName(QStringLiteral("mockServersDock"));
    auto *panel = new QWidget(this);
    auto *open = toolButton(tr("Open…"), tr("Open a mock file: its servers join the list"), panel);
    auto *start = toolButton(tr("Start"), tr("Start the selected server"), panel);
    auto *stop = toolButton(tr("Stop"), tr("Stop it: its connections close at once"), panel);
    auto *restart = toolButton(tr("Restart"), tr("Stop and start again"), panel);
    auto *remove = toolButton(tr("Remove"), tr("Stop it and take it off the list"), panel);
    auto *addServer =
        toolButton(tr("New"), tr("A new server: no routes yet, any free port"), panel);
    auto *copy =
        toolButton(tr("Duplicate"), tr("A copy of the selected server on a free port"), panel);
    start->setObjectName(QStringLiteral("startServer"));
    stop->setObjectName(QStringLiteral("stopServer"));
    auto *buttons = new QHBoxLayout;
    for (QToolButton *b : {open, addServer, copy, start, stop, restart, remove})
        buttons->addWidget(b);
    buttons->addStretch();
    m_serverView = table(m_servers, "mockServers", panel);
    m_serverView->verticalHeader()->hide();
    m_serverView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_serverView->horizontalHeader()->setSectionResizeMode(MockServersModel::Address,
                                                           QHeaderView::Stretch);
    m_serverView->horizontalHeader()->setStretchLastSection(false);

    m_file = new QLabel(panel);
    m_file->setObjectName(QStringLiteral("mockFile"));
    m_save = new QPushButton(tr("Save"), panel);
    m_save->setObjectName(QStringLiteral("saveMockFile"));
    m_reload = new QPushButton(tr("Reload"), panel);
    m_reload->setObjectName(QStringLiteral("reloadMockFile"));
    m_reload->setToolTip(tr("The file changed on disk: read it again (its routes replace these)"));
    auto *saveAs = new QPushButton(tr("Save as…"), panel);
    saveAs->setObjectName(QStringLiteral("saveMockFileAs"));
    auto *fileLine = new QHBoxLayout;
    fileLine->addWidget(m_file, 1);
    fileLine->addWidget(m_reload);
    fileLine->addWidget(m_save);
    fileLine->addWidget(saveAs);
    m_watcher = new QFileSystemWatcher(this);

    m_routeView = table(m_routes, "mockRoutes", panel);
    m_routeView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_routeView->horizontalHeader()->setSectionResizeMode(MockRoutesModel::Path,
                                                          QHeaderView::Stretch);
    m_routeView->horizontalHeader()->setStretchLastSection(false);
    m_routeView->setDragDropMode(QAbstractItemView::InternalMove);
    m_routeView->setDefaultDropAction(Qt::MoveAction);
    m_routeView->setDragDropOverwriteMode(false);
    m_routeView->setDropIndicatorShown(true);
    auto *add = toolButton(tr("Add"), tr("A new route after the selected one"), panel);
    auto *up =
        toolButton(tr("Up"), tr("Tried earlier (the first route that matches answers)"), panel);
    auto *down = toolButton(tr("Down"), tr("Tried later"), panel);
    auto *del = toolButton(tr("Delete"), tr("Delete the selected route"), panel);
    auto *routeButtons = new QHBoxLayout;
    for (QToolButton *b : {add, up, down, del})
        routeButtons->addWidget(b);
    routeButtons->addStretch();
    m_record = new QCheckBox(tr("Record"), panel);
    m_record->setObjectName(QStringLiteral("recordProxied"));
    m_record->setToolTip(tr("Each answer the server proxies becomes one of its routes, so the "
                            "real API can be replayed without it (needs \"proxy\")"));
    routeButtons->addWidget(m_record);

    m_editor = new QPlainTextEdit(panel);
    m_editor->setObjectName(QStringLiteral("routeEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("The selected route as JSON: every field of the format "
                                    "(README, \"Mock files\")"));
    m_problem = new QLabel(panel);
    m_problem->setObjectName(QStringLiteral("routeProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QWidget(panel);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_serverView);
    auto *middle = new QWidget(panel);
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    middleLayout->addLayout(fileLine);
    middleLayout->addWidget(m_routeView, 1);
    middleLayout->addLayout(routeButtons);
    auto *bottom = new QWidget(panel);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_editor, 1);
    bottomLayout->addWidget(m_problem);
    auto *split = new QSplitter(Qt::Vertical, panel);
    split->setObjectName(QStringLiteral("mockServersSplitter"));
    split->addWidget(top);
    split->addWidget(middle);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);
    auto *layout = new QVBoxLayout(panel);
    layout->addWidget(split);
    setWidget(panel);
    setFocusProxy(m_serverView);

    m_applyLater.setSingleShot(true);
    m_applyLater.setInterval(300);
    connect(&m_applyLater, &QTimer::timeout, this, &MockServersDock::applyEditor);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_filling)
            m_applyLater.start();
    });
    connect(m_serverView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MockServersDock::showServer);
    connect(m_routeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MockServersDock::showRoute);
    connect(m_routes, &MockRoutesModel::routesEdited, this, &MockServersDock::routesEdited);
    // Switched off or on from its checkbox: the JSON shown says so too.
    connect(m_routes, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &, const QList<int> &roles) {
                if (roles.contains(Qt::CheckStateRole) && from.row() == currentRoute() &&
                    !m_applyLater.isActive())
                    showRoute();
            });
    connect(open, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a mock file"), {},
                                                          tr("Mock files (*.json)"));
        QString error;
        if (!path.isEmpty() && !openFile(path, &error))
            QMessageBox::warning(this, tr("The mock file is not loaded"), error);
    });
    connect(start, &QToolButton::clicked, this, [this] { startSelected(false); });
    connect(restart, &QToolButton::clicked, this, [this] { startSelected(true); });
    connect(stop, &QToolButton::clicked, this, [this] {
        if (const int id = currentServer())
            m_host->stop(id);
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        if (const int id = currentServer()) {
            const wb::MockHost::Server *s = m_host->server(id);
            if (m_modified.contains(s->file) &&
                QMessageBox::question(this, tr("Remove the server"),
                                      tr("\"%1\" has changes that are not saved. Remove it and "
                                         "lose them?")
                                          .arg(s->spec.name)) != QMessageBox::Yes)
                return;
            m_host->remove(id);
            m_servers->reload();
            showServer();
        }
    });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        // Saved atomically (by us or an editor): the file is a new one; watch it again.
        if (QFile::exists(path) && !m_watcher->files().contains(path))
            m_watcher->addPath(path);
        if (m_ownWrites.remove(path))
            return;
        m_changedOnDisk.insert(path);
        updateFileLine();
        Q_EMIT message(
            tr("%1 changed on disk: Reload reads it again").arg(QFileInfo(path).fileName()), 8000);
    });
    connect(m_reload, &QPushButton::clicked, this, [this] {
        const wb::MockHost::Server *s = m_host->server(currentServer());
        if (s && m_modified.contains(s->file) &&
            QMessageBox::question(this, tr("Reload the mock file"),
                                  tr("The routes here have changes that are not saved; reading "
                                     "the file again replaces them. Reload?")) != QMessageBox::Yes)
            return;
        QString error;
        if (s && !reloadFile(s->file, &error))
            QMessageBox::warning(this, tr("The mock file is not reloaded"), error);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (const wb::MockHost::Server *s = m_host->server(currentServer()))
            saveInteractively(s->file);
    });
    connect(saveAs, &QPushButton::clicked, this, [this] {
        if (const wb::MockHost::Server *s = m_host->server(currentServer()))
            saveInteractively(s->file, true);
    });
    connect(add, &QToolButton::clicked, this, [this] {
        QString error;
        auto route =
            wb::MockFile::parseRoute(R"({"method": "GET", "path": "/new", "body": "ok"})", &error);
        const int row = m_routes->insert(currentRoute() + 1, *route);
        m_routeView->selectRow(row);
        m_editor->setFocus();
    });
    connect(del, &QToolButton::clicked, this, [this] { m_routes->remove(currentRoute()); });
    connect(up, &QToolButton::clicked, this, [this] {
        const int row = currentRoute();
        m_routes->move(row, -1);
        m_routeView->selectRow(row - 1);
    });
    connect(down, &QToolButton::clicked, this, [this] {
        const int row = currentRoute();
        m_routes->move(row, 1);
        m_routeView->selectRow(row + 1);
    });
    connect(m_record, &QCheckBox::toggled, this, [this](bool on) {
        if (m_shownServer)
            setRecording(m_shownServer, on);
    });
    connect(host, &wb::MockHost::logged, this, &MockServersDock::record);
    connect(addServer, &QToolButton::clicked, this, [this] { this->addServer(false); });
    connect(copy, &QToolButton::clicked, this, [this] { this->addServer(true); });
    connect(host, &wb::MockHost::serverChanged, this, [this](int id) {
        if (id == currentServer())
            updateFileLine();
    });
    updateFileLine();
}

bool MockServersDock::openFile(const QString &path, QString *error)
{
    // A file that is open already is not added twice (its servers would fight for its ports):
    // its first server is selected, as an editor brings an open document to the front.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    for (const wb::MockHost::Server &s : m_host->servers()) {
        if (canonical.isEmpty() || s.file.isEmpty() ||
            QFileInfo(s.file).canonicalFilePath() != canonical)
            continue;
        selectServer(s.id);
        Q_EMIT message(m_changedOnDisk.contains(s.file)
                           ? tr("%1 is open already and changed on disk: Reload reads it again")
                                 .arg(QFileInfo(path).fileName())
                           : tr("%1 is open already").arg(QFileInfo(path).fileName()),
                       6000);
        return true;
    }
    const std::optional<wb::MockFile> file = wb::MockFile::load(path, error);
    if (!file)
        return false;
    const QList<int> ids = m_host->add(*file);
    if (!path.startsWith(u':'))
        m_watcher->addPath(path);
    m_servers->reload();
    selectServer(ids.value(0));
    if (!file->warnings.isEmpty())
        Q_EMIT message(warningsText(*file), 15000);
    return true;
}

int MockServersDock::currentServer() const
{
    return m_serverView->currentIndex().data(MockServersModel::IdRole).toInt();
}

void MockServersDock::selectServer(int id)
{
    const int row = m_servers->rowOf(id);
    if (row >= 0)
        m_serverView->selectRow(row);
}

int MockServersDock::currentRoute() const
{
    return m_routeView->currentIndex().isValid() ? m_routeView->currentIndex().row() : -1;
}

void MockServersDock::startSelected(bool restart)
{
    const int id = currentServer();
    if (!id)
        return;
    const wb::MockHost::Server *s = m_host->server(id);
    const QString host = s->spec.host;
    if (host != QLatin1String("127.0.0.1") && host != QLatin1String("::1") &&
        host != QLatin1String("localhost") &&
        QMessageBox::warning(this, tr("Reachable from other machines"),
                             tr("\"%1\" listens on %2: other machines on the network can reach it. "
                                "Start it anyway?")
                                 .arg(s->spec.name, host.isEmpty() ? tr("every interface") : host),
                             QMessageBox::Yes | QMessageBox::Cancel,
                             QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (restart)
        m_host->stop(id);
    if (const http::HttpError e = m_host->start(id))
        Q_EMIT message(tr("%1 could not start: %2").arg(s->spec.name, e.message()), 10000);
}

void MockServersDock::showServer()
{
    m_applyLater.stop();
    m_routeShown = -1; // another server: its routes are shown afresh
    const wb::MockHost::Server *s = m_host->server(currentServer());
    m_shownServer = s ? s->id : 0;
    m_routes->setRoutes(s ? s->spec.routes : QList<wb::MockRoute>());
    if (m_routes->rowCount() > 0)
        m_routeView->selectRow(0);
    else
        showRoute();
    updateFileLine();
}

bool MockServersDock::saveInteractively(const QString &file, bool elsewhere)
{
    QString target = file;
    if (elsewhere || file.isEmpty() || file.startsWith(u':')) // or made in the app, or built in
        target = QFileDialog::getSaveFileName(this, tr("Save the mock file"),
                                              file.isEmpty() ? QStringLiteral("mock.json")
                                                             : QFileInfo(file).fileName(),
                                              tr("Mock files (*.json)"));
    if (target.isEmpty())
        return false;
    QString error;
    if (!saveFile(file, &error, target)) {
        QMessageBox::warning(this, tr("The mock file is not saved"), error);
        return false;
    }
    return true;
}

bool MockServersDock::reloadFile(const QString &file, QString *error)
{
    const std::optional<wb::MockFile> loaded = wb::MockFile::load(file, error);
    if (!loaded)
        return false;
    // Its servers in the file's order take the file's servers' routes; more servers join.
    int index = 0;
    for (const wb::MockHost::Server &s : m_host->servers())
        if (s.file == file && index < loaded->servers.size())
            m_host->setRoutes(s.id, loaded->servers[index++].routes);
    if (index < loaded->servers.size()) {
        wb::MockFile rest = *loaded;
        rest.servers = loaded->servers.mid(index);
        m_host->add(rest);
        m_servers->reload();
    }
    m_changedOnDisk.remove(file);
    m_modified.remove(file);
    showServer();
    if (loaded->warnings.isEmpty())
        Q_EMIT message(tr("Reloaded %1").arg(QFileInfo(file).fileName()), 4000);
    else
        Q_EMIT message(warningsText(*loaded), 15000);
    return true;
}

bool MockServersDock::maySaveAll()
{
    if (m_modified.isEmpty())
        return true;
    QStringList names;
    for (const QString &file : std::as_const(m_modified))
        names << (file.startsWith(u':') ? tr("the demo server's routes")
                  : file.isEmpty()      ? tr("new servers")
                                        : QFileInfo(file).fileName());
    const auto answer = QMessageBox::question(
        this, tr("Mock servers not saved"),
        tr("Changes to %1 are not saved. Save them first?").arg(names.join(QStringLiteral(", "))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard)
        return true;
    if (answer != QMessageBox::Save)
        return false;
    for (const QString &file : QStringList(m_modified.cbegin(), m_modified.cend()))
        if (!saveInteractively(file))
            return false;
    return true;
}

bool MockServersDock::mayLeaveRoute()
{
    if (m_routeShown < 0 || m_filling || !m_editInvalid)
        return true;
    return QMessageBox::question(this, tr("The route has an error"),
                                 tr("Route %1 is not applied: %2\nDiscard the edit?")
                                     .arg(m_routeShown + 1)
                                     .arg(m_problem->text())) == QMessageBox::Yes;
}

void MockServersDock::showRoute()
{
    m_applyLater.stop();
    const int row = currentRoute();
    if (row != m_routeShown && !mayLeaveRoute()) {
        // Back to the route being edited, its text kept.
        const QSignalBlocker quiet(m_routeView->selectionModel());
        m_routeView->selectRow(m_routeShown);
        return;
    }
    m_routeShown = row;
    m_filling = true;
    m_editor->setPlainText(
        row < 0 ? QString()
                : QString::fromUtf8(wb::MockFile::routeText(m_routes->routes()[row].source)));
    m_filling = false;
    m_editor->setEnabled(row >= 0);
    const wb::MockHost::Server *s = m_host->server(m_shownServer);
    m_record->setEnabled(s && !s->spec.proxy.isEmpty());
    {
        const QSignalBlocker quiet(m_record);
        m_record->setChecked(m_recording.contains(m_shownServer));
    }
    m_problem->setText(row < 0 ? QString()
                               : tr("Edits apply to the running server from its next request."));
    m_problem->setStyleSheet({});
    m_editInvalid = false;
}

void MockServersDock::applyEditor()
{
    const int row = currentRoute();
    if (row < 0)
        return;
    QString error;
    const std::optional<wb::MockRoute> route =
        wb::MockFile::parseRoute(m_editor->toPlainText().toUtf8(), &error);
    if (!route) {
        m_problem->setText(error);
        m_problem->setStyleSheet(QStringLiteral("color: #e04040"));
        m_editInvalid = true;
        return;
    }
    m_problem->setStyleSheet({});
    m_editInvalid = false;
    m_problem->setText(tr("Applied: the next request gets it."));
    m_routes->replace(row, *route);
}

void MockServersDock::routesEdited()
{
    if (!m_shownServer)
        return;
    m_host->setRoutes(m_shownServer, m_routes->routes());
    if (const wb::MockHost::Server *s = m_host->server(m_shownServer))
        m_modified.insert(s->file);
    updateFileLine();
}

void MockServersDock::addRouteFor(int id, const wb::MockEngine::LogEntry &entry)
{
    selectServer(id);
    if (currentServer() != id)
        return;
    QString error;
    const auto route = routeFor(entry, &error);
    if (!route) {
        Q_EMIT message(error, 8000);
        return;
    }
    // Before a catch-all would answer it: at the top.
    const int row = m_routes->insert(0, *route);
    m_routeView->selectRow(row);
    Q_EMIT message(tr("Added a route for %1 %2 at the top")
                       .arg(QString::fromLatin1(entry.method), route->path),
                   6000);
}

std::optional<wb::MockRoute> MockServersDock::routeFor(const wb::MockEngine::LogEntry &entry,
                                                       QString *error)
{
    // Proxied: the real answer; else a 200 to fill in.
    QJsonObject source = wb::MockRecorder::routeFor(entry);
    if (!entry.proxied) {
        source.insert(QStringLiteral("status"), 200);
        source.insert(QStringLiteral("body"), QString());
        source.remove(QStringLiteral("headers"));
        source.remove(QStringLiteral("statusMessage"));
    }
    return wb::MockFile::parseRoute(QJsonDocument(source).toJson(), error);
}

void MockServersDock::setRecording(int id, bool on)
{
    if (on)
        m_recording.insert(id);
    else
        m_recording.remove(id);
    if (id == m_shownServer) {
        const QSignalBlocker quiet(m_record);
        m_record->setChecked(on);
    }
}

void MockServersDock::record(const QList<wb::MockEngine::LogEntry> &batch)
{
    for (const wb::MockEngine::LogEntry &entry : batch) {
        const wb::MockHost::Server *s = m_host->server(entry.server);
        if (!s || !entry.proxied || entry.status == 0 || !m_recording.contains(entry.server))
            continue;
        QString error;
        const auto route = routeFor(entry, &error);
        if (!route)
            continue;
        if (entry.server == m_shownServer) {
            m_routes->insert(-1, *route); // at the end: it answers what no route did
            continue;
        }
        QList<wb::MockRoute> routes = s->spec.routes;
        routes.append(*route);
        m_host->setRoutes(entry.server, routes);
        m_modified.insert(s->file);
    }
}

int MockServersDock::addServer(bool copySelected)
{
    const wb::MockHost::Server *selected = m_host->server(currentServer());
    wb::MockFile file;
    wb::MockServerSpec spec;
    if (copySelected && selected) {
        spec = selected->spec;
        spec.name += tr(" copy");
        file.fileName = selected->file;
    } else {
        spec.name = tr("server %1").arg(m_host->servers().size() + 1);
    }
    spec.port = 0;
    file.servers = {spec};
    const int id = m_host->add(file).value(0);
    m_servers->reload();
    selectServer(id);
    if (!file.fileName.isEmpty())
        m_modified.insert(file.fileName);
    updateFileLine();
    return id;
}

bool MockServersDock::saveFile(const QString &file, QString *error, const QString &to)
{
    QList<wb::MockServerSpec> specs;
    for (const wb::MockHost::Server &s : m_host->servers())
        if (s.file == file)
            specs.append(s.spec);
    const QString target = to.isEmpty() ? file : to;
    m_ownWrites.insert(target);
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(wb::MockFile::toJson(specs)) < 0 ||
        !out.commit()) {
        *error = tr("%1: cannot write: %2").arg(target, out.errorString());
        return false;
    }
    m_modified.remove(file);
    m_changedOnDisk.remove(target);
    if (!m_watcher->files().contains(target))
        m_watcher->addPath(target);
    // Saved elsewhere ("save as", or the built-in demo): that file is theirs from now on.
    for (const wb::MockHost::Server &s : m_host->servers())
        if (s.file == file)
            m_host->setFile(s.id, target);
    updateFileLine();
    Q_EMIT message(tr("Saved %1").arg(target), 4000);
    return true;
}

void MockServersDock::updateFileLine()
{
    const wb::MockHost::Server *s = m_host->server(currentServer());
    if (!s) {
        m_file->setText(tr("<i>Open a mock file, or select a server</i>"));
        m_save->setEnabled(false);
        m_reload->hide();
        return;
    }
    const QString name = s->file.startsWith(u':') ? tr("the built-in demo file")
                         : s->file.isEmpty()      ? tr("not saved yet")
                                                  : QFileInfo(s->file).fileName();
    const bool modified = m_modified.contains(s->file);
    m_file->setText(tr("Routes of <b>%1</b> · %2%3")
                        .arg(s->spec.name.toHtmlEscaped(), name.toHtmlEscaped(),
                             modified ? tr(" ● not saved") : QString()));
    m_file->setToolTip(s->file);
    m_save->setEnabled(modified);
    m_reload->setVisible(m_changedOnDisk.contains(s->file));
}
