#include "mocklogdock.h"

#include "harexport.h"
#include "mockhost.h"
#include "mocklogfilter.h"
#include "mocklogmodel.h"
#include "request.h"
#include "textwrap.h"
#include "wireview.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// The request head as it arrived (rebuilt from its raw headers), then its body.
QByteArray requestBytes(const wb::MockEngine::LogEntry &e)
{
    QByteArray out = e.method + ' ' + e.url + " HTTP/1.1\r\n";
    for (qsizetype i = 0; i + 1 < e.requestHeaders.size(); i += 2)
        out += e.requestHeaders[i] + ": " + e.requestHeaders[i + 1] + "\r\n";
    return out + "\r\n" + e.requestBody;
}

QString readable(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    text.remove(u'\r');
    return text;
}

} // namespace

MockLogDock::MockLogDock(wb::MockHost *host, QWidget *parent)
    : QDockWidget(tr("Mock log"), parent)
    , m_host(host)
    , m_model(new MockLogModel(host, this))
    , m_filter(new MockLogFilter(this))
{
    setObjectName(QStringLiteral("mockLogDock"));
    auto *panel = new QWidget(this);
    auto *text = new QLineEdit(panel);
    text->setObjectName(QStringLiteral("logFilter"));
    text->setPlaceholderText(tr("Filter: method, URL, status, server…"));
    text->setClearButtonEnabled(true);
    auto *method = new QComboBox(panel);
    method->addItem(tr("Any method"), QString());
    for (const char *m : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        method->addItem(QLatin1String(m), QLatin1String(m));
    auto *status = new QComboBox(panel);
    status->addItem(tr("Any status"), -1);
    for (int c = 1; c <= 5; ++c)
        status->addItem(QStringLiteral("%1xx").arg(c), c);
    status->addItem(tr("No answer"), 0);
    auto *route = new QComboBox(panel);
    route->addItems({tr("Any route"), tr("Matched a route"), tr("No route"), tr("Proxied")});
    m_count = new QLabel(panel);
    m_count->setObjectName(QStringLiteral("logCount"));
    auto *clear = new QPushButton(tr("Clear"), panel);
    auto *har = new QPushButton(tr("Export HAR…"), panel);
    har->setToolTip(tr("The rows shown, as HAR 1.2 (for browsers' devtools and HAR viewers)"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(text, 1);
    filters->addWidget(method);
    filters->addWidget(status);
    filters->addWidget(route);
    filters->addWidget(m_count);
    filters->addWidget(clear);
    filters->addWidget(har);

    m_table = new QTableView(panel);
    m_table->setObjectName(QStringLiteral("log"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // Widths from the text each column holds (measuring 100,000 rows would be slow).
    const QFontMetrics fm = fontMetrics();
    const QString widest[] = {QStringLiteral("00:00:00.000 "), QStringLiteral("mock server "),
                              QStringLiteral("OPTIONS "),      QString(),
                              QStringLiteral("no route "),     QStringLiteral("Status "),
                              QStringLiteral("1000.00 "),      QStringLiteral("100000 "),
                              QStringLiteral("100000 "),       QStringLiteral("truncate ")};
    for (int c = 0; c < MockLogModel::ColumnCount; ++c)
        if (!widest[c].isEmpty())
            m_table->setColumnWidth(c, fm.horizontalAdvance(widest[c]) + 12);
    m_table->horizontalHeader()->setSectionResizeMode(MockLogModel::Url, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *open = new QAction(tr("Open in composer"), m_table);
    auto *makeRoute = new QAction(tr("Create route from this request"), m_table);
    m_table->addActions({open, makeRoute});

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto makeText = [&](const char *name) {
        auto *edit = new QPlainTextEdit(panel);
        edit->setObjectName(QLatin1String(name));
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        return edit;
    };
    m_request = makeText("logRequest");
    m_response = makeText("logResponse");
    m_wire = new WireView(panel);
    m_wire->setObjectName(QStringLiteral("logWire"));
    auto *detail = new QTabWidget(panel);
    detail->setObjectName(QStringLiteral("logDetail"));
    detail->addTab(m_request, tr("Request"));
    detail->addTab(m_response, tr("Response"));
    detail->addTab(m_wire, tr("Wire"));
    auto *rowButtons = new QHBoxLayout;
    auto *openButton = new QPushButton(tr("Open in composer"), panel);
    auto *routeButton = new QPushButton(tr("Create route…"), panel);
    openButton->setObjectName(QStringLiteral("openInComposer"));
    routeButton->setObjectName(QStringLiteral("createRoute"));
    routeButton->setToolTip(tr("A route answering this request as it was answered"));
    rowButtons->addWidget(openButton);
    rowButtons->addWidget(routeButton);
    rowButtons->addStretch();
    auto *right = new QWidget(panel);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(detail, 1);
    rightLayout->addLayout(rowButtons);
    auto *split = new QSplitter(panel);
    split->setObjectName(QStringLiteral("mockLogSplitter"));
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(panel);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    setWidget(panel);
    setFocusProxy(m_table);

    connect(text, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_filter->setText(t);
        useFilter();
    });
    connect(method, &QComboBox::currentIndexChanged, this, [this, method] {
        m_filter->setMethod(method->currentData().toString());
        useFilter();
    });
    connect(status, &QComboBox::currentIndexChanged, this, [this, status] {
        m_filter->setStatusClass(status->currentData().toInt());
        useFilter();
    });
    connect(route, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setRouteKind(MockLogFilter::RouteKind(i));
        useFilter();
    });
    connect(clear, &QPushButton::clicked, m_model, &MockLogModel::clear);
    connect(har, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export the log as HAR 1.2"),
                                         QStringLiteral("mock-log.har"), tr("HAR files (*.har)"));
        QString error;
        if (!path.isEmpty() && !exportHar(path, &error))
            QMessageBox::warning(this, tr("The log is not exported"), error);
    });
    connect(host, &wb::MockHost::logged, m_model, &MockLogModel::append);
    connect(m_model, &MockLogModel::countsChanged, this, &MockLogDock::updateCount);
    // The count follows the filters as well as new rows.
    for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(m_filter),
                                  static_cast<QAbstractItemModel *>(m_model)}) {
        connect(m, &QAbstractItemModel::rowsInserted, this, &MockLogDock::updateCount);
        connect(m, &QAbstractItemModel::rowsRemoved, this, &MockLogDock::updateCount);
        connect(m, &QAbstractItemModel::modelReset, this, &MockLogDock::updateCount);
        connect(m, &QAbstractItemModel::layoutChanged, this, &MockLogDock::updateCount);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &MockLogDock::showSelected);
    // New rows scroll into view while the view is at its end, as a terminal does.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_follow = bar->value() >= bar->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MockLogDock::showSelected);
    auto openSelected = [this] {
        if (const auto request = selectedRequest())
            Q_EMIT openInComposer(*request);
    };
    auto routeSelected = [this] {
        if (const wb::MockEngine::LogEntry *e = selected())
            Q_EMIT createRoute(e->server, *e);
    };
    connect(open, &QAction::triggered, this, openSelected);
    connect(openButton, &QPushButton::clicked, this, openSelected);
    connect(m_table, &QTableView::doubleClicked, this, openSelected);
    connect(makeRoute, &QAction::triggered, this, routeSelected);
    connect(routeButton, &QPushButton::clicked, this, routeSelected);
    updateCount();
}

const wb::MockEngine::LogEntry *MockLogDock::selected() const
{
    const QModelIndex current = m_table->model() == m_filter
                                    ? m_filter->mapToSource(m_table->currentIndex())
                                    : m_table->currentIndex();
    return current.isValid() ? &m_model->entry(current.row()) : nullptr;
}

std::optional<wb::Request> MockLogDock::selectedRequest() const
{
    const wb::MockEngine::LogEntry *e = selected();
    if (!e)
        return std::nullopt;
    const wb::MockHost::Server *server = m_host->server(e->server);
    wb::Request r;
    r.method = e->method;
    r.url = (server && !server->url.isEmpty()
                 ? server->url
                 : QStringLiteral("http://127.0.0.1:%1").arg(server ? server->spec.port : 0)) +
            QString::fromLatin1(e->url);
    // The headers as they came, less those the client makes itself.
    for (qsizetype i = 0; i + 1 < e->requestHeaders.size(); i += 2) {
        const QByteArray lower = e->requestHeaders[i].toLower();
        if (lower != "host" && lower != "content-length" && lower != "connection" &&
            lower != "transfer-encoding")
            r.headers.append({e->requestHeaders[i], e->requestHeaders[i + 1]});
    }
    // A mock speaking TLS usually has a certificate of its own making.
    r.insecure = r.url.startsWith(QLatin1String("https:"));
    if (!e->requestBody.isEmpty()) {
        r.body.mode = wb::RequestBody::Mode::Raw;
        r.body.text = QString::fromUtf8(e->requestBody);
    }
    return r;
}

void MockLogDock::showSelected()
{
    const wb::MockEngine::LogEntry *e = selected();
    if (!e) {
        m_request->clear();
        m_response->clear();
        m_wire->setChunks({});
        return;
    }
    const QByteArray request = requestBytes(*e);
    const QByteArray response = e->responseHead + e->responseBody;
    TextWrap::setText(m_request, readable(request));
    QString answer =
        e->responseHead.isEmpty()
            ? tr("(no answer: %1)")
                  .arg(e->fault != wb::MockFault::None
                           ? tr("the \"%1\" fault").arg(wb::MockFile::faultName(e->fault))
                           : tr("the client went away"))
            : readable(response);
    if (e->responseBody.size() < e->bytesOut - e->responseHead.size())
        answer +=
            tr("\n… (the log keeps the first %1 bytes of a body)").arg(wb::MockHost::kBodyKept);
    TextWrap::setText(m_response, answer);
    // The mock's point of view: the request came in, the response went out.
    m_wire->setChunks({{false, request, 0}, {true, response, e->ms}});
}

bool MockLogDock::exportHar(const QString &path, QString *error) const
{
    QList<QJsonObject> entries;
    const QAbstractItemModel *shown = m_table->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const wb::MockEngine::LogEntry &e = m_model->entry(
            shown == m_filter ? m_filter->mapToSource(m_filter->index(row, 0)).row() : row);
        const wb::MockHost::Server *s = m_host->server(e.server);
        entries.append(
            e.toHistoryEntry(s && !s->url.isEmpty() ? s->url : QStringLiteral("http://127.0.0.1")));
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QJsonDocument(wb::HarExport::toHar(entries)).toJson(QJsonDocument::Indented)) <
            0 ||
        !out.commit()) {
        *error = tr("%1: cannot write: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

void MockLogDock::useFilter()
{
    // With no filter the table shows the log itself: a filter model would remap every row each
    // time the oldest are dropped, which a flood of requests makes often.
    const bool on = m_filter->isActive();
    if (on == (m_table->model() == m_filter))
        return;
    m_filter->setSourceModel(on ? m_model : nullptr);
    m_table->setModel(on ? static_cast<QAbstractItemModel *>(m_filter) : m_model);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MockLogDock::showSelected);
    showSelected();
    updateCount();
}

void MockLogDock::updateCount()
{
    QString text = tr("%1 of %2").arg(m_table->model()->rowCount()).arg(m_model->rowCount());
    if (m_model->dropped() > 0)
        text += tr(" · %1 older dropped").arg(m_model->dropped());
    m_count->setText(text);
}
