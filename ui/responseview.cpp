#include "responseview.h"

#include "eventsmodel.h"
#include "headersmodel.h"
#include "wireview.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *tableFor(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    return view;
}

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_details(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new QPlainTextEdit(this))
    , m_headers(new HeadersModel(this))
    , m_trailers(new HeadersModel(this))
    , m_events(new EventsModel(this))
    , m_wire(new WireView(this))
    , m_joined(new QCheckBox(tr("Node's joined headers object"), this))
{
    m_status->setObjectName(QStringLiteral("status"));
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_status->setFont(big);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setStyleSheet(QStringLiteral("color: gray"));
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_wire->setObjectName(QStringLiteral("wire"));

    auto *headersPage = new QWidget(this);
    auto *headersLayout = new QVBoxLayout(headersPage);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(tableFor(m_headers, headersPage, QStringLiteral("responseHeaders")));
    headersLayout->addWidget(m_joined);
    connect(m_joined, &QCheckBox::toggled, this, &ResponseView::showHeaders);

    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(headersPage, tr("Headers"));
    m_tabs->addTab(tableFor(m_trailers, this, QStringLiteral("trailers")), tr("Trailers"));
    m_tabs->addTab(m_wire, tr("Wire"));
    m_tabs->addTab(tableFor(m_events, this, QStringLiteral("events")), tr("Events"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_status);
    top->addWidget(m_details, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    setMinimumSize(420, 200);
    clear();
}

void ResponseView::clear()
{
    setStatus(tr("No response yet"), tr("Press Send (Ctrl+Enter)"));
    m_raw.clear();
    m_joinedHeaders.clear();
    m_headers->setRaw({});
    m_trailers->setRaw({});
    m_events->clear();
    m_wire->setChunks({});
    m_body->clear();
}

void ResponseView::setStatus(const QString &status, const QString &details, bool failed)
{
    m_status->setText(status);
    m_status->setStyleSheet(failed ? QStringLiteral("color: #c02020") : QString());
    m_details->setText(details);
}

QString ResponseView::statusText() const
{
    return m_status->text();
}

void ResponseView::setHeaders(const QByteArrayList &raw, const QByteArrayList &joined)
{
    m_raw = raw;
    m_joinedHeaders = joined;
    showHeaders();
    m_tabs->setTabText(1, tr("Headers (%1)").arg(raw.size() / 2));
}

void ResponseView::showHeaders()
{
    m_headers->setRaw(m_joined->isChecked() ? m_joinedHeaders : m_raw);
}

void ResponseView::setTrailers(const QByteArrayList &raw)
{
    m_trailers->setRaw(raw);
    m_tabs->setTabText(2, tr("Trailers (%1)").arg(raw.size() / 2));
}

void ResponseView::setBody(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.contains("json")) {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isNull()) {
            m_body->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
            return;
        }
    }
    m_body->setPlainText(QString::fromUtf8(body));
}
