#include "mainwindow.h"

#include "agent.h"
#include "composerwidget.h"
#include "curlcommand.h"
#include "environmentdialog.h"
#include "errorhint.h"
#include "eventsmodel.h"
#include "exchange.h"
#include "exchangerecord.h"
#include "harexport.h"
#include "incomingmessage.h"
#include "mockengine.h"
#include "mockfile.h"
#include "responseview.h"
#include "savedrequestsmodel.h"
#include "saverequestdialog.h"
#include "theme.h"
#include "timingbar.h"
#include "wireview.h"
#include "workspace.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

// Node's headers object as name/value pairs (lists one pair per value, as Node keeps them).
QByteArrayList joinedPairs(const http::Headers &headers)
{
    QByteArrayList out;
    for (const http::Headers::Field &f : headers.fields()) {
        if (f.isList) {
            for (const QByteArray &v : f.values)
                out << f.name << v;
        } else {
            out << f.name << f.values.value(0);
        }
    }
    return out;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 10 * 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_composer(new ComposerWidget(this))
    , m_response(new ResponseView(this))
{
    setWindowTitle(tr("Untitled request[*] — Wirebench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wirebench.svg")));
    http::Agent::Options options;
    options.keepAlive = true;
    m_httpAgent = new http::Agent(options, this);
    options.protocol = QStringLiteral("https:");
    m_httpsAgent = new http::Agent(options, this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_composer);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    // Through close(), so unsaved changes are asked about.
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Paste curl command"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                    [this] { importCurl(QGuiApplication::clipboard()->text()); });
    edit->addAction(tr("&Copy as curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                    [this] {
                        QGuiApplication::clipboard()->setText(exportCurl());
                        statusBar()->showMessage(tr("Copied the request as a curl command"), 4000);
                    });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *themes = view->addMenu(tr("&Theme"));
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
    connect(m_composer, &ComposerWidget::sendRequested, this, &MainWindow::send);
    connect(m_composer, &ComposerWidget::cancelRequested, this, &MainWindow::cancel);
    connect(m_composer, &ComposerWidget::changed, this, &MainWindow::updateTitle);
    connect(m_composer, &ComposerWidget::curlPasted, this, &MainWindow::importCurl);
    connect(m_response, &ResponseView::saveBodyRequested, this, [this] {
        // Suggested name: the last segment of the path ("42" for /users/42).
        const QString name = m_exchange && m_exchange->request()
                                 ? QString::fromUtf8(m_exchange->request()->path())
                                       .section(u'?', 0, 0)
                                       .section(u'/', -1)
                                 : QString();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the response body"), name.isEmpty() ? QStringLiteral("response") : name);
        if (!path.isEmpty())
            saveResponseBody(path);
    });
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(33);
    connect(&m_refresh, &QTimer::timeout, this, &MainWindow::refresh);
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::refresh);
    resize(1100, 760);
    setUpWorkspaceDock();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    startDemoServer();
    setBaseline();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mayReplaceComposer()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("splitter")))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("workspace"), m_workspace->path());
    QMainWindow::closeEvent(event);
}

void MainWindow::setUpWorkspaceDock()
{
    QSettings settings;
    const QString path =
        qEnvironmentVariableIsSet("WIREBENCH_WORKSPACE")
            ? Workspace::defaultPath()
            : settings.value(QStringLiteral("workspace"), Workspace::defaultPath()).toString();
    m_workspace = std::make_unique<Workspace>(path);
    m_workspace->load();

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
    m_history = new QListWidget(panel);
    m_history->setObjectName(QStringLiteral("history"));
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
    auto *dock = new QDockWidget(tr("Workspace"), this);
    dock->setObjectName(QStringLiteral("workspaceDock"));
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    connect(m_savedView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        // Ctrl+Enter is Send wherever the focus is, not "open" here.
        if (QGuiApplication::keyboardModifiers() & Qt::ControlModifier)
            return;
        loadSavedRequest(index.data(SavedRequestsModel::RequestIndexRole).toInt());
    });
    // Open and Delete on a saved request: its context menu, and the Delete key.
    m_savedView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *open = new QAction(tr("Open"), m_savedView);
    connect(open, &QAction::triggered, this, [this] {
        loadSavedRequest(
            m_savedView->currentIndex().data(SavedRequestsModel::RequestIndexRole).toInt());
    });
    auto *remove = new QAction(tr("Delete…"), m_savedView);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] {
        const QModelIndex current = m_savedView->currentIndex();
        const int index = current.data(SavedRequestsModel::RequestIndexRole).toInt();
        if (!current.isValid() || index < 0)
            return;
        if (QMessageBox::question(
                this, tr("Delete saved request"),
                tr("Delete \"%1\" and its file?").arg(current.data().toString())) ==
            QMessageBox::Yes)
            deleteSavedRequest(index);
    });
    m_savedView->addActions({open, remove});
    m_history->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *clearHistory = new QAction(tr("Clear history"), m_history);
    connect(clearHistory, &QAction::triggered, this, [this] {
        QString error;
        if (!m_workspace->clearHistory(&error))
            statusBar()->showMessage(error, 8000);
        reloadWorkspaceViews();
    });
    m_history->addAction(clearHistory);
    // A click loads an entry (Enter too); an entry already shown, unchanged, is not loaded again
    // (a click may also count as activation, depending on the style).
    auto loadItem = [this](QListWidgetItem *item) {
        const QJsonObject entry = item->data(Qt::UserRole).toJsonObject();
        if (m_historyShown && !isModified() && entry.value(QStringLiteral("time")) == m_historyTime)
            return;
        loadHistoryEntry(m_history->row(item));
    };
    connect(m_history, &QListWidget::itemClicked, this, loadItem);
    connect(m_history, &QListWidget::itemActivated, this, loadItem);
    connect(m_environment, &QComboBox::activated, this, [this] {
        setEnvironments(m_workspace->environments(), m_environment->currentIndex() == 0
                                                         ? QString()
                                                         : m_environment->currentText());
    });
    auto *environments = new QAction(tr("&Environments…"), this);
    environments->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(environments, &QAction::triggered, this, &MainWindow::editEnvironments);
    connect(editEnvironments, &QToolButton::clicked, environments, &QAction::trigger);
    if (QMenu *edit = menuBar()->actions().value(1) ? menuBar()->actions()[1]->menu() : nullptr)
        edit->addAction(environments);
    QMenu *file = menuBar()->actions().value(0) ? menuBar()->actions().first()->menu() : nullptr;
    auto *save = new QAction(tr("&Save request…"), this);
    save->setShortcut(QKeySequence::Save);
    connect(save, &QAction::triggered, this, &MainWindow::saveInteractively);
    auto *har = new QAction(tr("&Export history as HAR…"), this);
    connect(har, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export history as HAR 1.2"),
                                         QStringLiteral("wirebench.har"), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            exportHar(path);
    });
    if (file) {
        file->insertAction(file->actions().value(0), save);
        file->insertAction(file->actions().value(1), har);
    }
    addAction(save);
    reloadWorkspaceViews();
    if (!m_workspace->problems().isEmpty())
        statusBar()->showMessage(tr("Some workspace files could not be read: %1")
                                     .arg(m_workspace->problems().join(QStringLiteral("; "))),
                                 15000);
}

void MainWindow::reloadWorkspaceViews()
{
    m_savedModel->setRequests(m_workspace->requests());
    m_savedView->expandAll();
    m_environment->clear();
    m_environment->addItem(tr("No environment"));
    m_environment->addItems(m_workspace->environments().keys());
    if (!m_workspace->activeEnvironment().isEmpty())
        m_environment->setCurrentText(m_workspace->activeEnvironment());
    m_composer->setVariables(m_workspace->variables());
    m_history->clear();
    for (const QJsonObject &entry : m_workspace->history()) {
        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        auto *item =
            new QListWidgetItem(QStringLiteral("%1 %2 %3")
                                    .arg(entry.value(QStringLiteral("status")).toString(),
                                         request.value(QStringLiteral("method")).toString(),
                                         request.value(QStringLiteral("url")).toString()));
        item->setData(Qt::UserRole, entry);
        item->setToolTip(entry.value(QStringLiteral("time")).toString());
        m_history->insertItem(0, item);
    }
}

bool MainWindow::setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                                 const QString &active)
{
    QString error;
    const bool saved = m_workspace->setEnvironments(environments, active, &error);
    if (!saved)
        statusBar()->showMessage(error, 8000);
    reloadWorkspaceViews();
    return saved;
}

void MainWindow::editEnvironments()
{
    EnvironmentDialog dialog(m_workspace->environments(), m_workspace->activeEnvironment(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EnvironmentDialog::Environments edited = dialog.environments();
    const QString active = m_workspace->activeEnvironment();
    setEnvironments(edited, edited.contains(active) ? active : dialog.current());
}

bool MainWindow::exportHar(const QString &path)
{
    QSaveFile out(path);
    const QByteArray json =
        QJsonDocument(HarExport::toHar(m_workspace->history())).toJson(QJsonDocument::Indented);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) < 0 || !out.commit()) {
        statusBar()->showMessage(tr("%1: cannot write: %2").arg(path, out.errorString()), 10000);
        return false;
    }
    statusBar()->showMessage(
        tr("Exported %1 exchanges to %2").arg(m_workspace->history().size()).arg(path), 5000);
    return true;
}

SavedRequest MainWindow::composerState() const
{
    SavedRequest r;
    r.method = m_composer->method();
    r.url = m_composer->url();
    r.headers = m_composer->headers();
    r.body = m_composer->requestBody();
    r.auth = m_composer->auth();
    r.followRedirects = m_composer->followRedirects();
    r.keepAlive = m_composer->keepAlive();
    r.timeoutMs = m_composer->timeoutMs();
    r.insecure = m_composer->acceptInvalidCertificates();
    return r;
}

void MainWindow::showInComposer(const SavedRequest &r)
{
    m_composer->setRequest(r.method, r.url, r.headers);
    m_composer->setRequestBody(r.body);
    m_composer->setAuth(r.auth);
    m_composer->setOptions(r.keepAlive, r.timeoutMs, r.insecure, r.followRedirects);
}

void MainWindow::loadHistoryEntry(int row)
{
    const QJsonObject entry = m_history->item(row)
                                  ? m_history->item(row)->data(Qt::UserRole).toJsonObject()
                                  : QJsonObject();
    if (entry.isEmpty() || !mayReplaceComposer())
        return;
    dropShownExchange();
    // "composer": the request as it was composed ({{variables}}, body mode, auth); entries
    // without it hold only what was sent.
    if (entry.contains(QStringLiteral("composer"))) {
        showInComposer(SavedRequest::fromJson(entry.value(QStringLiteral("composer")).toObject()));
    } else {
        const QJsonObject r = entry.value(QStringLiteral("request")).toObject();
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const QJsonValue &h : r.value(QStringLiteral("headers")).toArray())
            headers.append({h[0].toString().toLatin1(), h[1].toString().toLatin1()});
        m_composer->setRequest(r.value(QStringLiteral("method")).toString().toLatin1(),
                               r.value(QStringLiteral("url")).toString(), headers,
                               r.value(QStringLiteral("body")).toString().toUtf8());
    }
    m_current.clear();
    setBaseline();
    // The entry's own response, as it was shown when it came back.
    m_historyShown = ExchangeRecord::fromJson(entry.value(QStringLiteral("response")).toObject());
    m_historyTime = entry.value(QStringLiteral("time"));
    m_bodyShownAt.invalidate();
    showRecord(*m_historyShown);
}

void MainWindow::releaseExchange()
{
    Exchange *x = std::exchange(m_exchange, nullptr);
    if (!x)
        return;
    if (!x->isDone()) {
        x->cancel(); // its done() records it in history, then deletes it
        statusBar()->showMessage(tr("The request that was running is cancelled; History keeps it"),
                                 6000);
        return;
    }
    // Not deleted at once: this may run inside its done().
    x->disconnect(this);
    x->deleteLater();
}

void MainWindow::dropShownExchange()
{
    releaseExchange();
    m_tick.stop();
    m_refresh.stop();
    m_composer->setBusy(false);
    m_historyShown.reset();
    m_hops.clear();
    m_hopWire.clear();
    m_response->clear();
}

bool MainWindow::isModified() const
{
    return composerState().toJson() != m_baseline;
}

void MainWindow::setBaseline()
{
    m_baseline = composerState().toJson();
    updateTitle();
}

void MainWindow::updateTitle()
{
    setWindowTitle(
        tr("%1[*] — Wirebench").arg(m_current.isEmpty() ? tr("Untitled request") : m_current));
    setWindowModified(isModified());
}

bool MainWindow::mayReplaceComposer()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("The request in the composer has changes that are not saved. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveInteractively();
    return answer == QMessageBox::Discard;
}

bool MainWindow::saveInteractively()
{
    const QString collection =
        m_current.contains(u'/') ? m_current.section(u'/', 0, -2) : QString();
    const QString name = m_current.isEmpty() ? SaveRequestDialog::suggestName(m_composer->method(),
                                                                              m_composer->url())
                                             : m_current.section(u'/', -1);
    SaveRequestDialog dialog(m_workspace->collections(), collection, name,
                             &Workspace::checkRequestName, this);
    return dialog.exec() == QDialog::Accepted && saveRequest(dialog.collection(), dialog.name());
}

bool MainWindow::saveRequest(const QString &collection, const QString &name)
{
    SavedRequest r = composerState();
    r.collection = collection.trimmed();
    r.name = name.trimmed();
    QString error;
    if (!m_workspace->saveRequest(r, &error)) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    reloadWorkspaceViews();
    m_current = r.collection.isEmpty() ? r.name : r.collection + u'/' + r.name;
    setBaseline();
    statusBar()->showMessage(tr("Saved \"%1\"").arg(name), 4000);
    return true;
}

bool MainWindow::deleteSavedRequest(int index)
{
    if (index < 0 || index >= m_workspace->requests().size())
        return false;
    const SavedRequest r = m_workspace->requests()[index];
    QString error;
    if (!m_workspace->removeRequest(r.collection, r.name, &error)) {
        statusBar()->showMessage(error, 8000);
        return false;
    }
    reloadWorkspaceViews();
    statusBar()->showMessage(tr("Deleted \"%1\"").arg(r.name), 4000);
    return true;
}

bool MainWindow::saveResponseBody(const QString &path)
{
    // The exchange shown: the last one sent, or a history entry (of which only the start of the
    // body was kept).
    const bool fromHistory = m_historyShown.has_value();
    if (!fromHistory && (!m_exchange || !m_exchange->response()))
        return false;
    const QByteArray body = fromHistory ? m_historyShown->body : m_exchange->body();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(body) < 0 || !out.commit()) {
        statusBar()->showMessage(tr("%1: cannot write: %2").arg(path, out.errorString()), 10000);
        return false;
    }
    QString saved = tr("Saved %1 bytes to %2").arg(body.size()).arg(path);
    if (fromHistory && m_historyShown->bodySize > body.size())
        saved += tr(" (history keeps only the first %1 of %2 bytes: send again for all)")
                     .arg(body.size())
                     .arg(m_historyShown->bodySize);
    statusBar()->showMessage(saved, 8000);
    return true;
}

void MainWindow::loadSavedRequest(int index)
{
    if (index < 0 || index >= m_workspace->requests().size() || !mayReplaceComposer())
        return;
    const SavedRequest r = m_workspace->requests()[index];
    dropShownExchange();
    showInComposer(r);
    m_current = r.collection.isEmpty() ? r.name : r.collection + u'/' + r.name;
    setBaseline();
}

Exchange::Request MainWindow::resolvedRequest() const
{
    const ComposerWidget::Composed composed = m_composer->compose();
    Exchange::Request request;
    request.url = QUrl::fromUserInput(composed.url);
    request.method = composed.method;
    request.headers = composed.headers;
    request.body = composed.body;
    request.bodyFile = composed.bodyFile;
    request.hasBody = !request.body.isEmpty() || !request.bodyFile.isEmpty();
    request.timeout = m_composer->timeoutMs();
    request.insecure = m_composer->acceptInvalidCertificates();
    return request;
}

void MainWindow::recordHistory(const ExchangeRecord &x, const Exchange::Request &request,
                               const QJsonObject &composed)
{
    QJsonArray headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    const QJsonObject entry{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("status"), // a response that broke says so: "200 HPE_INVALID_CHUNK_SIZE"
         !x.hasResponse ? QString::fromLatin1(x.error.code())
         : x.error
             ? QStringLiteral("%1 %2").arg(x.statusCode).arg(QString::fromLatin1(x.error.code()))
             : QString::number(x.statusCode)},
        {QStringLiteral("ms"), x.elapsedMs},
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                     {QStringLiteral("url"), request.url.toString()},
                     {QStringLiteral("headers"), headers},
                     {QStringLiteral("body"), QString::fromUtf8(request.body)}}},
        {QStringLiteral("response"), x.toJson(kHistoryKeptBytes)},
        {QStringLiteral("composer"), composed}};
    QString error;
    if (!m_workspace->appendHistory(entry, &error))
        statusBar()->showMessage(error, 8000);
    reloadWorkspaceViews();
}

MainWindow::~MainWindow()
{
    delete m_exchange;
    // The engine and its sockets belong to the server thread: delete them there, then stop it.
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_serverThread.quit();
    m_serverThread.wait();
}

void MainWindow::startDemoServer()
{
    QString error;
    const std::optional<MockFile> demo = MockFile::load(QStringLiteral(":/demo.mock.json"), &error);
    if (!demo) {
        statusBar()->showMessage(tr("The demo mock server could not start: %1").arg(error));
        return;
    }
    m_serverThread.setObjectName(QStringLiteral("mock servers"));
    m_serverThread.start();
    m_engine = new MockEngine;
    m_engine->moveToThread(&m_serverThread);
    http::HttpError startError;
    // Port 0 when the demo port is taken, so a second window still gets a demo server.
    QMetaObject::invokeMethod(
        m_engine,
        [&] {
            startError = m_engine->start(*demo);
            if (startError && startError.code() == "EADDRINUSE")
                startError = m_engine->start(*demo, {}, 0);
            if (!startError)
                m_demoUrl = m_engine->url(0);
        },
        Qt::BlockingQueuedConnection);
    if (startError) {
        statusBar()->showMessage(
            tr("The demo mock server could not start: %1").arg(startError.message()));
        return;
    }
    // Kept in view (status messages come and go); plain text, so it reads in every theme.
    auto *label = new QLabel(tr("Demo mock server: %1 (this machine only)").arg(m_demoUrl), this);
    label->setObjectName(QStringLiteral("demoServer"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setToolTip(tr("resources/demo.mock.json, served in the background"));
    statusBar()->addPermanentWidget(label);
    m_composer->setRequest("GET", m_demoUrl + QStringLiteral("/users/42"),
                           {{"Accept", "application/json"}});
}

bool MainWindow::importCurl(const QString &commandLine)
{
    QString error;
    const std::optional<CurlCommand::Parsed> parsed = CurlCommand::parse(commandLine, &error);
    if (!parsed) {
        m_composer->setProblem(tr("Could not read the curl command: %1").arg(error));
        return false;
    }
    const Exchange::Request &request = parsed->request;
    QList<QPair<QByteArray, QByteArray>> headers = request.headers;
    if (parsed->body.mode == RequestBody::Mode::Form) // the Body tab gives the type
        headers.removeIf([](const auto &h) {
            return h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        });
    m_composer->setRequest(request.method, parsed->url, headers, request.body);
    if (parsed->body.mode != RequestBody::Mode::None)
        m_composer->setRequestBody(parsed->body);
    m_composer->setAuth(parsed->auth);
    m_composer->setOptions(m_composer->keepAlive(), request.timeout, request.insecure,
                           m_composer->followRedirects());
    m_composer->setProblem({});
    m_current.clear();
    dropShownExchange(); // the old response is not this request's
    updateTitle();       // not saved anywhere yet: it counts as a change
    statusBar()->showMessage(tr("Imported a curl command"), 4000);
    return true;
}

QString MainWindow::exportCurl() const
{
    RequestBody body = m_composer->requestBody();
    const Variables variables = m_workspace->variables();
    for (RequestBody::Field &f : body.fields) {
        f.name = variables.substitute(f.name);
        f.value = variables.substitute(f.value);
    }
    body.filePath = variables.substitute(body.filePath);
    return CurlCommand::toCurl(resolvedRequest(), body);
}

void MainWindow::send()
{
    cancel();
    m_response->clear();
    m_hops.clear();
    m_hopWire.clear();
    m_bodyShownAt.invalidate();
    m_sent = composerState().toJson();
    // An untitled request is kept by history once sent: nothing is lost by replacing it. A saved
    // one keeps its mark until saved, since its file still holds the old version.
    if (m_current.isEmpty()) {
        m_baseline = m_sent;
        updateTitle();
    }
    const Exchange::Request request = resolvedRequest();
    if (const QString error = m_composer->compose().error; !error.isEmpty()) {
        m_composer->setProblem(tr("The body cannot be sent: %1").arg(error));
        return;
    }
    start(request);
}

void MainWindow::start(const Exchange::Request &request)
{
    const bool tls = request.url.scheme() == QLatin1String("https");
    http::Agent *agent = nullptr; // agent: false (a fresh connection, closed after the answer)
    if (m_composer->keepAlive())
        agent = tls ? m_httpsAgent : m_httpAgent;
    releaseExchange();
    m_historyShown.reset();
    auto *x = new Exchange(request, agent, Exchange::Detail::Full, this);
    m_exchange = x;
    m_composer->setBusy(true);
    m_tick.start();
    refresh();
    connect(x, &Exchange::updated, this, [this, x] {
        if (x == m_exchange && !m_refresh.isActive())
            m_refresh.start();
    });
    connect(x, &Exchange::done, this, [this, x, request, composed = m_sent] {
        if (x != m_exchange) {
            // Let go while it ran (another request was opened): cancelled, and kept in history.
            recordHistory(ExchangeRecord::of(*x), request, composed);
            x->deleteLater();
            return;
        }
        m_refresh.stop();
        if (const auto next = redirectFrom(*m_exchange, request)) {
            m_hops << QStringLiteral("%1 %2")
                          .arg(m_exchange->statusCode())
                          .arg(request.url.toString());
            m_hopWire += m_exchange->wire();
            start(*next);
            return;
        }
        m_tick.stop();
        refresh();
        m_composer->setBusy(false);
        recordHistory(ExchangeRecord::of(*x, m_hops, m_hopWire), request, composed);
    });
}

std::optional<Exchange::Request> MainWindow::redirectFrom(const Exchange &x,
                                                          const Exchange::Request &request) const
{
    const int status = x.statusCode();
    if (!x.response() || m_hops.size() >= m_composer->followRedirects() ||
        (status != 301 && status != 302 && status != 303 && status != 307 && status != 308))
        return std::nullopt;
    const QByteArray location = x.response()->headers().value("location");
    if (location.isEmpty())
        return std::nullopt;
    Exchange::Request next = request;
    next.url = request.url.resolved(QUrl::fromEncoded(location));
    // As browsers do: 303 (and 301/302 after a POST) go on with GET and no body; 307/308 repeat.
    if (status == 303 || ((status == 301 || status == 302) && request.method == "POST")) {
        next.method = "GET";
        next.body.clear();
        next.hasBody = false;
        next.headers.removeIf([](const auto &h) {
            return h.first.compare("content-type", Qt::CaseInsensitive) == 0 ||
                   h.first.compare("content-length", Qt::CaseInsensitive) == 0;
        });
    }
    return next;
}

void MainWindow::cancel()
{
    if (m_exchange && !m_exchange->isDone())
        m_exchange->cancel();
}

void MainWindow::refresh()
{
    if (m_exchange)
        showRecord(ExchangeRecord::of(*m_exchange, m_hops, m_hopWire));
}

void MainWindow::showRecord(const ExchangeRecord &x)
{
    QList<EventsModel::Row> events;
    for (const Exchange::Event &e : x.events) {
        events.append({e.ms, e.name});
        if (e.repeats > 0)
            events.append({e.ms, tr("… %1 more %2, counted, not kept").arg(e.repeats).arg(e.name)});
    }
    m_response->eventsModel()->update(events);
    QList<WireView::Chunk> chunks;
    for (const Exchange::WireChunk &c : x.wire) // every hop, in order
        chunks.append({c.direction == http::StreamSocket::Direction::Sent, c.bytes, c.ms});
    m_response->wireView()->setChunks(chunks, x.done && x.wireKept, x.wireOmitted);

    // Where the time went, from the client's marks (Node's socket → connect → finish → response →
    // end).
    const QMap<QString, double> &t = x.timings;
    QList<TimingBar::Phase> phases;
    auto phase = [&](const QString &name, const char *from, const char *to) {
        if (t.contains(QLatin1String(from)) && t.contains(QLatin1String(to)))
            phases.append({name, t.value(QLatin1String(from)),
                           qMax(t.value(QLatin1String(from)), t.value(QLatin1String(to)))});
    };
    phase(tr("connect"), "socket", "connected");
    phase(tr("TLS"), "connected", "secureConnect");
    phase(tr("send"), t.contains(QLatin1String("secureConnect")) ? "secureConnect" : "connected",
          "requestSent");
    phase(tr("wait"), "requestSent", "firstByte");
    phase(tr("receive"), "firstByte", "end");
    m_response->timingBar()->setPhases(phases);

    const QString elapsed = x.elapsedMs < 1000 ? tr("%1 ms").arg(x.elapsedMs, 0, 'f', 1)
                                               : tr("%1 s").arg(x.elapsedMs / 1000, 0, 'f', 1);
    QString timing = tr("%1 · sent %2 · received %3")
                         .arg(elapsed,
                              !x.wireKept       ? tr("(not recorded)")
                              : x.bytesSent > 0 ? sizeText(x.bytesSent)
                                                : tr("nothing"),
                              sizeText(x.bytesReceived));
    if (!x.hops.isEmpty())
        timing += tr(" · after %n redirect(s): %1", nullptr, int(x.hops.size()))
                      .arg(x.hops.join(QStringLiteral(" → ")));
    const http::Headers headers = http::Headers::fromRaw(x.rawHeaders);
    // Long transfers: a progress bar with the bytes so far and the rate.
    if (!x.done && x.hasResponse && x.elapsedMs > 300) {
        bool known = false;
        const qint64 total = headers.value("content-length").toLongLong(&known);
        m_response->setProgress(x.bodySize, known ? total : -1,
                                double(x.bytesReceived) / (x.elapsedMs / 1000));
    } else {
        m_response->setProgress(-1, -1, 0);
    }
    const QUrl url(x.url);
    if (x.error)
        m_response->setError(
            QStringLiteral("%1: %2").arg(QString::fromLatin1(x.error.code()), x.error.message()),
            errorhint::explain(x.error, url.host(),
                               url.port(url.scheme() == QLatin1String("https") ? 443 : 80),
                               x.hasResponse));
    else
        m_response->setError({}, {});
    if (!x.hasResponse) {
        m_response->setHeaders({}, {});
        m_response->setTrailers({});
        m_response->setBody({}, {}, x.done);
        if (x.error)
            m_response->setStatus(QString::fromLatin1(x.error.code()), timing, true);
        else
            m_response->setStatus(x.events.isEmpty() ? tr("Sending…") : tr("Waiting…"), timing);
        return;
    }
    m_response->setStatus(QStringLiteral("HTTP/%1 %2 %3")
                              .arg(QString::fromLatin1(x.httpVersion))
                              .arg(x.statusCode)
                              .arg(QString::fromLatin1(x.statusMessage)),
                          timing, bool(x.error) || x.statusCode >= 400);
    m_response->setHeaders(x.rawHeaders, joinedPairs(headers));
    m_response->setTrailers(x.rawTrailers);
    // While a body streams in, its view is redrawn at most every 250 ms (and once at the end).
    if (x.done || !m_bodyShownAt.isValid() || m_bodyShownAt.elapsed() > 250) {
        m_response->setBody(x.body, headers.value("content-type"), x.done, x.bodySize);
        m_bodyShownAt.start();
    }
    if (x.done && x.bodySize == 0)
        m_response->setEmptyBodyText(x.statusCode == 204 || x.statusCode == 304 ||
                                             (x.statusCode >= 100 && x.statusCode < 200)
                                         ? tr("No body: a %1 response has none").arg(x.statusCode)
                                     : headers.value("content-length") == "0"
                                         ? tr("No body (Content-Length: 0)")
                                         : tr("No body"));
}
