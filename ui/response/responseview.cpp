#include "responseview.h"

#include "bodyformat.h"
#include "errorhint.h"
#include "eventsmodel.h"
#include "headersmodel.h"
#include "textwrap.h"
#include "timingbar.h"
#include "wireview.h"

#include "headers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextCursor>
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
    // Compact rows: a line of text and a little air, whatever the style's default.
    view->verticalHeader()->setMinimumSectionSize(view->fontMetrics().height() + 4);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_details(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_timing(new TimingBar(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new QPlainTextEdit(this))
    , m_imageView(new QLabel(this))
    , m_bodyStack(new QStackedWidget(this))
    , m_bodyView(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_find(new QLineEdit(this))
    , m_headers(new HeadersModel(this))
    , m_trailers(new HeadersModel(this))
    , m_events(new EventsModel(this))
    , m_wire(new WireView(this))
    , m_joined(new QCheckBox(tr("Node's &joined headers object"), this))
{
    m_find->setObjectName(QStringLiteral("find"));
    m_find->setPlaceholderText(
        tr("Find in the body or wire view (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    m_find->hide();
    auto *findKey = new QShortcut(QKeySequence::Find, this);
    connect(findKey, &QShortcut::activated, this, [this] {
        m_find->show();
        m_find->setFocus();
        m_find->selectAll();
    });
    auto *closeFind =
        new QShortcut(QKeySequence(Qt::Key_Escape), m_find, nullptr, nullptr, Qt::WidgetShortcut);
    connect(closeFind, &QShortcut::activated, m_find, &QLineEdit::hide);
    connect(m_find, &QLineEdit::textEdited, this, [this](const QString &text) { find(text); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        find(m_find->text(), QGuiApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("status"));
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_status->setFont(big);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setMinimumHeight(fontMetrics().lineSpacing());
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

    m_imageView->setObjectName(QStringLiteral("image"));
    m_imageView->setAlignment(Qt::AlignCenter);
    m_bodyView->setObjectName(QStringLiteral("bodyView"));
    m_bodyView->addItems({tr("Pretty"), tr("Raw"), tr("Hex"), tr("Image")});
    connect(m_bodyView, &QComboBox::currentIndexChanged, this, &ResponseView::showBody);
    m_bodyStack->addWidget(m_body);
    m_bodyStack->addWidget(m_imageView);
    auto *bodyPage = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_bodyStack, 1);
    auto *bodyBar = new QHBoxLayout;
    bodyBar->addStretch();
    auto *save = new QPushButton(tr("Sa&ve…"), bodyPage);
    save->setObjectName(QStringLiteral("saveBody"));
    save->setToolTip(tr("Save the whole body to a file"));
    connect(save, &QPushButton::clicked, this, &ResponseView::saveBodyRequested);
    bodyBar->addWidget(save);
    bodyBar->addWidget(m_bodyView);
    bodyLayout->addLayout(bodyBar);
    m_tabs->addTab(bodyPage, tr("Body"));
    m_tabs->addTab(headersPage, tr("Headers"));
    m_tabs->addTab(tableFor(m_trailers, this, QStringLiteral("trailers")), tr("Trailers"));
    m_tabs->addTab(m_wire, tr("Wire"));
    m_tabs->addTab(tableFor(m_events, this, QStringLiteral("events")), tr("Events"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_status);
    top->addWidget(m_details, 1);
    top->addWidget(m_progress, 1);
    top->addWidget(m_timing, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_hint);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_find);
    setMinimumSize(420, 200);
    clear();
}

void ResponseView::clear()
{
    setStatus(tr("No response yet"), tr("Press Send (Ctrl+Enter)"));
    setError({}, {});
    setEmptyBodyText({});
    m_tabs->setTabText(1, tr("Headers"));
    m_tabs->setTabText(2, tr("Trailers"));
    m_raw.clear();
    m_joinedHeaders.clear();
    m_headers->setRaw({});
    m_trailers->setRaw({});
    m_events->clear();
    m_timing->setPhases({});
    m_wire->setChunks({}, false);
    m_body->clear();
    m_imageView->clear();
    m_bodyBytes.clear();
    m_image.clear();
    m_progress->hide();
    m_bodySize = 0;
    m_contentType.clear();
    m_bodyShownAt.invalidate();
}

bool ResponseView::find(const QString &text, bool backward)
{
    QPlainTextEdit *view =
        m_tabs->currentWidget() == m_wire ? static_cast<QPlainTextEdit *>(m_wire) : m_body;
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = !text.isEmpty() && view->find(text, flags);
    if (!found && !text.isEmpty()) {
        // Wrap around once.
        QTextCursor cursor = view->textCursor();
        cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        view->setTextCursor(cursor);
        found = view->find(text, flags);
    }
    m_find->setStyleSheet(found || text.isEmpty() ? QString() : QStringLiteral("color: #e04040"));
    return found;
}

void ResponseView::setStatus(const QString &status, const QString &details, bool failed)
{
    m_status->setText(status);
    m_status->setStyleSheet(failed ? QStringLiteral("color: #e04040") : QString());
    m_details->setText(details);
}

QString ResponseView::statusText() const
{
    return m_status->text();
}

void ResponseView::setError(const QString &error, const QString &hint)
{
    m_hint->setText(hint.isEmpty() ? error : error + QStringLiteral(" — ") + hint);
    m_hint->setToolTip(m_hint->text());
}

QString ResponseView::hintText() const
{
    return m_hint->text();
}

void ResponseView::setEmptyBodyText(const QString &text)
{
    m_body->setPlaceholderText(text);
}

void ResponseView::setHeaders(const QByteArrayList &raw, const QByteArrayList &joined)
{
    m_raw = raw;
    m_joinedHeaders = joined;
    showHeaders();
    m_tabs->setTabText(1, raw.isEmpty() ? tr("Headers") : tr("Headers (%1)").arg(raw.size() / 2));
}

void ResponseView::showHeaders()
{
    m_headers->setRaw(m_joined->isChecked() ? m_joinedHeaders : m_raw);
    // Names in full ("Cache-Control", not "Cache-Cont…"); the value takes the rest.
    if (auto *view = findChild<QTableView *>(QStringLiteral("responseHeaders")))
        view->resizeColumnToContents(0);
}

void ResponseView::setTrailers(const QByteArrayList &raw)
{
    m_trailers->setRaw(raw);
    if (auto *view = findChild<QTableView *>(QStringLiteral("trailers")))
        view->resizeColumnToContents(0);
    m_tabs->setTabText(2, raw.isEmpty() ? tr("Trailers") : tr("Trailers (%1)").arg(raw.size() / 2));
}

void ResponseView::setProgress(qint64 received, qint64 total, double bytesPerSecond)
{
    if (received < 0) {
        m_progress->hide();
        return;
    }
    auto mib = [](double bytes) { return QString::number(bytes / (1024 * 1024), 'f', 1); };
    // QProgressBar counts in int: KiB keep a 2 TB body in range.
    m_progress->setRange(0, total > 0 ? int(total / 1024) : 0);
    m_progress->setValue(int(received / 1024));
    m_progress->setFormat(
        total > 0
            ? tr("%1 of %2 MiB · %3 MiB/s").arg(mib(received), mib(total), mib(bytesPerSecond))
            : tr("%1 MiB · %2 MiB/s").arg(mib(received), mib(bytesPerSecond)));
    m_progress->show();
}

void ResponseView::setBody(const QByteArray &body, const QByteArray &contentType, bool final,
                           qint64 total)
{
    const qint64 size = total < 0 ? body.size() : total;
    if (final && BodyFormat::isImage(contentType) && body.size() <= kImageLimit &&
        m_image.size() != body.size()) {
        m_image = body;
        if (m_bodyView->currentIndex() == 3)
            showBody();
    }
    if (size == m_bodySize && contentType == m_contentType)
        return; // unchanged since the last refresh: keep the view (and its scroll position)
    const bool firstBytes = m_bodySize == 0;
    const bool startShown = m_bodyBytes.size() == BodyFormat::kKept && contentType == m_contentType;
    m_bodySize = size;
    const int view = m_bodyView->currentIndex();
    if (startShown && view != 3) {
        // The views already show all they keep: only the count on the last line changes (laying
        // out 256 KiB of text again on every refresh is what would make a big download slow).
        QTextCursor last(m_body->document());
        last.movePosition(QTextCursor::End);
        last.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
        last.insertText(BodyFormat::moreBytes(
            view == 2 ? BodyFormat::kHexLimit : BodyFormat::kTextLimit, m_bodySize));
        return;
    }
    m_bodyBytes = QByteArray(body.constData(), qMin(body.size(), BodyFormat::kKept));
    m_contentType = contentType;
    if (firstBytes && BodyFormat::isImage(contentType))
        m_bodyView->setCurrentIndex(3);
    showBody();
}

void ResponseView::showBody()
{
    const int view = m_bodyView->currentIndex();
    if (view == 3) {
        QPixmap pixmap;
        if (pixmap.loadFromData(m_image.isEmpty() ? m_bodyBytes : m_image)) {
            m_imageView->setPixmap(pixmap);
        } else {
            m_imageView->setText(m_bodyBytes.isEmpty()
                                     ? QString()
                                     : tr("Not an image Qt can read (%1 bytes)").arg(m_bodySize));
        }
        m_bodyStack->setCurrentWidget(m_imageView);
        return;
    }
    m_bodyStack->setCurrentWidget(m_body);
    if (view == 2)
        TextWrap::setText(m_body, BodyFormat::hex(m_bodyBytes, m_bodySize));
    else if (view == 1)
        TextWrap::setText(m_body, BodyFormat::text(m_bodyBytes, m_bodySize, m_contentType));
    else
        TextWrap::setText(m_body, BodyFormat::pretty(m_bodyBytes, m_contentType, m_bodySize));
}

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

void ResponseView::showRecord(const wb::ExchangeRecord &x)
{
    QList<EventsModel::Row> events;
    for (const wb::Exchange::Event &e : x.events) {
        events.append({e.ms, e.name});
        if (e.repeats > 0)
            events.append({e.ms, tr("… %1 more %2, counted, not kept").arg(e.repeats).arg(e.name)});
    }
    m_events->update(events);
    QList<WireView::Chunk> chunks;
    for (const wb::Exchange::WireChunk &c : x.wire) // every hop, in order
        chunks.append(
            {c.direction == http::StreamSocket::Direction::Sent, c.bytes, c.ms, c.omittedBefore});
    m_wire->setChunks(chunks, x.done && x.wireKept, x.wireOmitted);

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
    m_timing->setPhases(phases);

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
    // DevTools' Connection ID: the Agent's socket (the Agent pool dock shows it).
    if (x.connection.socket)
        timing += x.connection.reused ? tr(" · socket #%1, reused").arg(x.connection.socket)
                                      : tr(" · socket #%1").arg(x.connection.socket);
    const http::Headers headers = http::Headers::fromRaw(x.rawHeaders);
    // Long transfers: a progress bar with the bytes so far and the rate.
    if (!x.done && x.hasResponse && x.elapsedMs > 300) {
        bool known = false;
        const qint64 total = headers.value("content-length").toLongLong(&known);
        setProgress(x.bodySize, known ? total : -1, double(x.bytesReceived) / (x.elapsedMs / 1000));
    } else {
        setProgress(-1, -1, 0);
    }
    const QUrl url(x.url);
    if (x.error)
        setError(
            QStringLiteral("%1: %2").arg(QString::fromLatin1(x.error.code()), x.error.message()),
            wb::errorhint::explain(x.error, url.host(),
                                   url.port(url.scheme() == QLatin1String("https") ? 443 : 80),
                                   x.hasResponse));
    else
        setError({}, {});
    if (!x.hasResponse) {
        setHeaders({}, {});
        setTrailers({});
        setBody({}, {}, x.done);
        if (x.error)
            setStatus(QString::fromLatin1(x.error.code()), timing, true);
        else
            setStatus(x.events.isEmpty() ? tr("Sending…") : tr("Waiting…"), timing);
        return;
    }
    setStatus(QStringLiteral("HTTP/%1 %2 %3")
                  .arg(QString::fromLatin1(x.httpVersion))
                  .arg(x.statusCode)
                  .arg(QString::fromLatin1(x.statusMessage)),
              timing, bool(x.error) || x.statusCode >= 400);
    setHeaders(x.rawHeaders, joinedPairs(headers));
    setTrailers(x.rawTrailers);
    // While a body streams in, its view is redrawn at most every 250 ms (and once at the end).
    if (x.done || !m_bodyShownAt.isValid() || m_bodyShownAt.elapsed() > 250) {
        setBody(x.body, headers.value("content-type"), x.done, x.bodySize);
        m_bodyShownAt.start();
    }
    if (x.done && x.bodySize == 0)
        setEmptyBodyText(x.statusCode == 204 || x.statusCode == 304 ||
                                 (x.statusCode >= 100 && x.statusCode < 200)
                             ? tr("No body: a %1 response has none").arg(x.statusCode)
                         : headers.value("content-length") == "0"
                             ? tr("No body (Content-Length: 0)")
                             : tr("No body"));
}
