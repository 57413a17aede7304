#include "requesttab.h"

#include "composerwidget.h"
#include "curlcommand.h"
#include "responseview.h"
#include "run.h"
#include "saverequestdialog.h"
#include "session.h"

#include <QFileDialog>
#include <QJsonArray>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

RequestTab::RequestTab(wb::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_composer(new ComposerWidget(this))
    , m_response(new ResponseView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->addWidget(m_composer);
    m_splitter->addWidget(m_response);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    m_composer->setVariables(session->workspace()->variables());

    connect(m_composer, &ComposerWidget::sendRequested, this, &RequestTab::send);
    connect(m_composer, &ComposerWidget::cancelRequested, this, &RequestTab::cancel);
    connect(m_composer, &ComposerWidget::changed, this, &RequestTab::changed);
    connect(m_composer, &ComposerWidget::curlPasted, this, &RequestTab::importCurl);
    connect(m_response, &ResponseView::saveBodyRequested, this, [this] {
        // Suggested name: the last segment of the path ("42" for /users/42).
        const QString name = m_run ? m_run->prepared().url.path().section(u'/', -1) : QString();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the response body"), name.isEmpty() ? QStringLiteral("response") : name);
        if (!path.isEmpty())
            saveResponseBody(path);
    });
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(33);
    connect(&m_refresh, &QTimer::timeout, this, &RequestTab::refresh);
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &RequestTab::refresh);
    m_baseline = request().toJson();
}

RequestTab::~RequestTab()
{
    // Quietly: the tab goes with its window, whose parts may be gone already (no message).
    if (wb::Run *run = std::exchange(m_run, nullptr)) {
        run->disconnect(this);
        run->discard();
    }
}

wb::Request RequestTab::request() const
{
    wb::Request r = m_composer->request();
    r.collection = m_collection;
    r.name = m_name;
    return r;
}

void RequestTab::open(const wb::Request &request)
{
    restore(request, request.toJson());
}

void RequestTab::restore(const wb::Request &request, const QJsonObject &baseline)
{
    clearResponse();
    m_composer->setRequest(request);
    m_composer->setProblem({});
    m_collection = request.collection;
    m_name = request.name;
    m_baseline = baseline;
    Q_EMIT changed();
}

bool RequestTab::isModified() const
{
    return request().toJson() != m_baseline;
}

bool RequestTab::isReusable() const
{
    return !isModified() && !(m_run && !m_run->isDone());
}

QString RequestTab::title() const
{
    const wb::Request r = request();
    if (!r.name.isEmpty())
        return r.displayName();
    // What saving would propose, without the method (the tab shows it on its own).
    const QString words = SaveRequestDialog::suggestName(r.method, r.url).section(u' ', 1);
    return words.isEmpty() ? tr("New request") : words;
}

void RequestTab::setVariables(const wb::Variables &variables)
{
    m_composer->setVariables(variables);
}

void RequestTab::send()
{
    releaseRun();
    m_historyShown.reset();
    m_response->clear();
    const wb::Request request = this->request();
    // A scratch request is kept by history once sent: nothing is lost by replacing it. A saved
    // one keeps its mark until saved, since its file still holds the old version.
    if (m_name.isEmpty()) {
        m_baseline = request.toJson();
        Q_EMIT changed();
    }
    const wb::Request::Prepared prepared = request.prepare(m_composer->variables());
    if (!prepared.error.isEmpty()) {
        m_composer->setProblem(tr("The body cannot be sent: %1").arg(prepared.error));
        return;
    }
    wb::Run *run = m_session->send(request, prepared);
    m_run = run;
    m_composer->setBusy(true);
    m_tick.start();
    refresh();
    connect(run, &wb::Run::updated, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    connect(run, &wb::Run::done, this, [this] {
        m_refresh.stop();
        m_tick.stop();
        refresh();
        m_composer->setBusy(false);
        Q_EMIT responseShown();
    });
}

void RequestTab::cancel()
{
    if (m_run)
        m_run->cancel();
}

void RequestTab::releaseRun()
{
    wb::Run *run = std::exchange(m_run, nullptr);
    if (!run)
        return;
    run->disconnect(this);
    if (!run->isDone())
        Q_EMIT message(tr("The request that was running is cancelled; History keeps it"), 6000);
    run->discard();
}

void RequestTab::clearResponse()
{
    releaseRun();
    m_tick.stop();
    m_refresh.stop();
    m_composer->setBusy(false);
    m_historyShown.reset();
    m_response->clear();
}

void RequestTab::refresh()
{
    if (m_run)
        m_response->showRecord(m_run->record());
}

std::pair<QString, wb::Exchange::Connection> RequestTab::connectionShown() const
{
    if (m_historyShown)
        return {QUrl(m_historyShown->url).scheme() + u':', m_historyShown->connection};
    if (m_run && m_run->exchange())
        return {m_run->exchange()->url().scheme() + u':', m_run->exchange()->connection()};
    return {};
}

bool RequestTab::importCurl(const QString &commandLine)
{
    QString error;
    std::optional<wb::Request> parsed = wb::CurlCommand::parse(commandLine, &error);
    if (!parsed) {
        m_composer->setProblem(tr("Could not read the curl command: %1").arg(error));
        return false;
    }
    parsed->keepAlive = m_composer->request().keepAlive;
    parsed->followRedirects = m_composer->request().followRedirects;
    clearResponse(); // the old response is not this request's
    m_composer->setRequest(*parsed);
    m_composer->setProblem({});
    m_collection.clear();
    m_name.clear();
    Q_EMIT changed(); // not saved anywhere yet: it counts as a change
    Q_EMIT message(tr("Imported a curl command"), 4000);
    return true;
}

QString RequestTab::exportCurl() const
{
    return wb::CurlCommand::toCurl(request(), m_composer->variables());
}

bool RequestTab::saveInteractively()
{
    const wb::Request r = request();
    SaveRequestDialog dialog(m_session->workspace()->collections(), m_collection,
                             m_name.isEmpty() ? SaveRequestDialog::suggestName(r.method, r.url)
                                              : m_name,
                             &wb::Workspace::checkRequestName, this);
    return dialog.exec() == QDialog::Accepted && save(dialog.collection(), dialog.name());
}

bool RequestTab::save(const QString &collection, const QString &name)
{
    wb::Request r = request();
    r.collection = collection.trimmed();
    r.name = name.trimmed();
    QString error;
    if (!m_session->workspace()->saveRequest(r, &error)) {
        Q_EMIT message(error, 10000);
        return false;
    }
    m_collection = r.collection;
    m_name = r.name;
    m_baseline = r.toJson();
    Q_EMIT saved();
    Q_EMIT changed();
    Q_EMIT message(tr("Saved \"%1\"").arg(r.name), 4000);
    return true;
}

void RequestTab::showHistoryEntry(const QJsonObject &entry)
{
    if (entry.isEmpty())
        return;
    wb::Request request;
    // "composer": the request as it was composed ({{variables}}, body mode, auth); entries
    // without it hold only what was sent.
    if (entry.contains(QStringLiteral("composer"))) {
        request = wb::Request::fromJson(entry.value(QStringLiteral("composer")).toObject());
    } else {
        const QJsonObject r = entry.value(QStringLiteral("request")).toObject();
        request.method = r.value(QStringLiteral("method")).toString().toLatin1();
        request.url = r.value(QStringLiteral("url")).toString();
        for (const QJsonValue &h : r.value(QStringLiteral("headers")).toArray())
            request.headers.append({h[0].toString().toLatin1(), h[1].toString().toLatin1()});
        if (const QString body = r.value(QStringLiteral("body")).toString(); !body.isEmpty()) {
            request.body.mode = wb::RequestBody::Mode::Raw;
            request.body.text = body;
        }
    }
    request.collection.clear(); // a scratch request: history is not a saved one
    request.name.clear();
    open(request);
    // The entry's own response, as it was shown when it came back.
    m_historyShown =
        wb::ExchangeRecord::fromJson(entry.value(QStringLiteral("response")).toObject());
    m_historyTime = entry.value(QStringLiteral("time")).toString();
    m_response->showRecord(*m_historyShown);
    Q_EMIT responseShown();
}

bool RequestTab::saveResponseBody(const QString &path)
{
    // The response shown: the last one sent, or a history entry (of which only the start of the
    // body was kept).
    const bool fromHistory = m_historyShown.has_value();
    if (!fromHistory && (!m_run || !m_run->exchange() || !m_run->exchange()->response()))
        return false;
    const QByteArray body = fromHistory ? m_historyShown->body : m_run->exchange()->body();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(body) < 0 || !out.commit()) {
        Q_EMIT message(tr("%1: cannot write: %2").arg(path, out.errorString()), 10000);
        return false;
    }
    QString saved = tr("Saved %1 bytes to %2").arg(body.size()).arg(path);
    if (fromHistory && m_historyShown->bodySize > body.size())
        saved += tr(" (history keeps only the first %1 of %2 bytes: send again for all)")
                     .arg(body.size())
                     .arg(m_historyShown->bodySize);
    Q_EMIT message(saved, 8000);
    return true;
}
