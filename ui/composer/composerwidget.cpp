#include "composerwidget.h"

#include "bodyeditor.h"
#include "edittable.h"
#include "headercompletiondelegate.h"
#include "http.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextCharFormat>
#include <QVBoxLayout>

ComposerWidget::ComposerWidget(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_problem(new QLabel(this))
    , m_headers(new HeaderEditModel(this))
    , m_params(new HeaderEditModel(this, HeaderEditModel::Kind::QueryParameters))
    , m_resolved(new QLabel(this))
    , m_body(new BodyEditor(this))
    , m_keepAlive(new QCheckBox(
          tr("&Keep the connection alive (an Agent with keepAlive; off sends agent: false)"), this))
    , m_timeout(new QSpinBox(this))
    , m_insecure(
          new QCheckBox(tr("Accept an &invalid TLS certificate (rejectUnauthorized: false)"), this))
    , m_redirects(new QSpinBox(this))
    , m_authType(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_token(new QLineEdit(this))
{
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS"), QStringLiteral("QUERY")});
    m_method->setObjectName(QStringLiteral("method"));
    m_method->setMinimumContentsLength(10);
    m_method->setToolTip(tr("Any method Node accepts: a valid HTTP token"));
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(
        tr("http://127.0.0.1:8080/path  ({{variables}} from the environment)"));
    m_url->setClearButtonEnabled(true);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Ctrl+Enter); Esc cancels"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #e04040"));
    m_problem->hide();
    m_resolved->setObjectName(QStringLiteral("resolvedUrl"));
    m_resolved->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resolved->hide();

    auto *headers = new EditTable(m_headers, tr("Add header"), this);
    headers->view()->setObjectName(QStringLiteral("headers"));
    headers->view()->setItemDelegate(new HeaderCompletionDelegate(headers));
    auto *hint = new QLabel(tr("<i>Greyed: added when sent (hover for where from)</i>"), this);
    hint->setEnabled(false);
    headers->buttons()->addStretch();
    headers->buttons()->addWidget(hint);

    m_keepAlive->setObjectName(QStringLiteral("keepAlive"));
    m_keepAlive->setChecked(true);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(0, 3600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setSpecialValueText(tr("none"));
    m_insecure->setObjectName(QStringLiteral("insecure"));
    auto *optionsPage = new QWidget(this);
    auto *options = new QFormLayout(optionsPage);
    options->addRow(m_keepAlive);
    options->addRow(tr("&Timeout:"), m_timeout);
    options->addRow(m_insecure);
    m_redirects->setObjectName(QStringLiteral("redirects"));
    m_redirects->setRange(0, 50);
    m_redirects->setSpecialValueText(tr("do not follow"));
    options->addRow(tr("Follow &redirects:"), m_redirects);

    m_authType->setObjectName(QStringLiteral("authType"));
    m_authType->addItems({tr("None"), tr("Basic"), tr("Bearer token")});
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("token"));
    auto *authPage = new QWidget(this);
    auto *auth = new QFormLayout(authPage);
    auth->addRow(tr("T&ype:"), m_authType);
    auth->addRow(tr("&User:"), m_user);
    auth->addRow(tr("&Password:"), m_password);
    auth->addRow(tr("T&oken:"), m_token);
    auto *authHint = new QLabel(
        tr("<i>Sent as the Authorization header, unless the Headers tab has one.</i>"), authPage);
    authHint->setEnabled(false);
    auth->addRow(authHint);
    auto updateAuth = [this, auth] {
        const int type = m_authType->currentIndex();
        auth->setRowVisible(m_user, type == 1);
        auth->setRowVisible(m_password, type == 1);
        auth->setRowVisible(m_token, type == 2);
    };
    connect(m_authType, &QComboBox::currentIndexChanged, this, updateAuth);
    updateAuth();

    auto *params = new EditTable(m_params, tr("Add parameter"), this);
    params->view()->setObjectName(QStringLiteral("params"));
    params->buttons()->addStretch();
    connect(m_url, &QLineEdit::textChanged, this, &ComposerWidget::urlToParams);
    connect(m_params, &QAbstractItemModel::dataChanged, this, &ComposerWidget::paramsToUrl);
    connect(m_params, &QAbstractItemModel::rowsRemoved, this, &ComposerWidget::paramsToUrl);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("composerTabs"));
    tabs->addTab(params, tr("Params"));
    tabs->addTab(headers, tr("Headers"));
    tabs->addTab(m_body, tr("Body"));
    tabs->addTab(authPage, tr("Auth"));
    tabs->addTab(optionsPage, tr("Options"));
    // Alt+1…5 reach the tabs from anywhere in the composer.
    for (int i = 0; i < tabs->count(); ++i) {
        auto *key = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), this);
        connect(key, &QShortcut::activated, tabs, [tabs, i] {
            tabs->setCurrentIndex(i);
            tabs->currentWidget()->setFocus();
        });
        tabs->setTabToolTip(i, tr("Alt+%1").arg(i + 1));
    }

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);
    // One line under the URL, always there: a problem, else where {{variables}} send to. Its
    // space is kept when empty, so the tabs below never move while typing.
    auto *messages = new QWidget(this);
    auto *messagesLayout = new QHBoxLayout(messages);
    messagesLayout->setContentsMargins(2, 0, 2, 0);
    messagesLayout->addWidget(m_problem, 1);
    messagesLayout->addWidget(m_resolved, 1);
    messages->setFixedHeight(fontMetrics().lineSpacing() + 4);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(line);
    layout->addWidget(messages);
    layout->addWidget(tabs, 1);

    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_busy) {
            emit cancelRequested();
            return;
        }
        const QString problem = validate();
        setProblem(problem);
        if (problem.isEmpty())
            emit sendRequested();
    });
    connect(m_url, &QLineEdit::returnPressed, m_send, &QPushButton::click);
    // A curl command pasted into the URL field is imported, as Postman and Insomnia do. The
    // clipboard has it as it was copied (a line edit flattens the line continuations).
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        const bool pasted = text.size() - m_urlLength > 5;
        m_urlLength = text.size();
        if (!pasted || !text.trimmed().startsWith(QLatin1String("curl ")))
            return;
        const QString clip = QGuiApplication::clipboard()->text();
        emit curlPasted(clip.trimmed().startsWith(QLatin1String("curl ")) ? clip : text);
    });
    connect(m_url, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_urlLength = text.size(); });
    // Ctrl+Enter sends (again, while a request runs); the button turns into Cancel, Esc cancels.
    auto *sendKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendKey, &QShortcut::activated, this, [this] {
        const QString problem = validate();
        setProblem(problem);
        if (problem.isEmpty())
            emit sendRequested();
    });
    // A line edit takes Ctrl+E (end of line on X11): leave it to the window (Environments).
    m_url->installEventFilter(this);
    auto *focusUrl = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    connect(focusUrl, &QShortcut::activated, this, &ComposerWidget::focusUrl);
    // Esc is taken only while a request runs (elsewhere it closes popups and the find bar).
    m_cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_cancelKey->setEnabled(false);
    connect(m_cancelKey, &QShortcut::activated, this, &ComposerWidget::cancelRequested);
    connect(m_headers, &HeaderEditModel::dataChanged, this,
            [this] { setProblem(m_headers->firstProblem()); });

    // The greyed rows follow everything that changes them, a moment after the last change.
    m_implicitTimer.setSingleShot(true);
    m_implicitTimer.setInterval(100);
    connect(&m_implicitTimer, &QTimer::timeout, this, [this, tabs] {
        m_headers->setImplicit(request().implicitHeaders(m_variables));
        // A problem shown goes away with its cause (or becomes the next one).
        if (m_problem->isVisible())
            setProblem(validate());
        emit changed();
        // What each tab holds, at a glance: "Params (2)", "Headers (3)", "Body (form)"…
        auto count = [](const QString &name, qsizetype n) {
            return n > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(n) : name;
        };
        tabs->setTabText(0, count(tr("Params"), m_params->enabledHeaders().size()));
        tabs->setTabText(1, count(tr("Headers"), request().enabledHeaders().size()));
        const wb::RequestBody::Mode mode = m_body->body().mode;
        tabs->setTabText(2, mode == wb::RequestBody::Mode::None
                                ? tr("Body")
                                : tr("Body (%1)").arg(wb::RequestBody::modeName(mode)));
        tabs->setTabText(3, m_authType->currentIndex() == 0
                                ? tr("Auth")
                                : tr("Auth (%1)").arg(m_authType->currentText()));
    });
    auto later = [this] { m_implicitTimer.start(); };
    connect(m_url, &QLineEdit::textChanged, this, later);
    connect(m_params, &QAbstractItemModel::dataChanged, this, later);
    connect(m_params, &QAbstractItemModel::modelReset, this, later);
    connect(m_url, &QLineEdit::textChanged, this, &ComposerWidget::highlightUrl);
    connect(m_method, &QComboBox::currentTextChanged, this, later);
    connect(m_headers, &QAbstractItemModel::dataChanged, this, later);
    connect(m_headers, &QAbstractItemModel::rowsRemoved, this, later);
    connect(m_headers, &QAbstractItemModel::modelReset, this, later);
    connect(m_body, &BodyEditor::changed, this, later);
    connect(m_keepAlive, &QCheckBox::toggled, this, later);
    connect(m_authType, &QComboBox::currentIndexChanged, this, later);
    for (QLineEdit *edit : {m_user, m_password, m_token})
        connect(edit, &QLineEdit::textChanged, this, later);
    setMinimumSize(420, 200);
}

wb::Request ComposerWidget::request() const
{
    wb::Request r;
    r.method = m_method->currentText().trimmed().toLatin1();
    r.url = m_url->text().trimmed();
    r.headers = m_headers->rows();
    r.body = m_body->body();
    r.auth = auth();
    r.keepAlive = m_keepAlive->isChecked();
    r.timeoutMs = m_timeout->value();
    r.insecure = m_insecure->isChecked();
    r.followRedirects = m_redirects->value();
    return r;
}

void ComposerWidget::setRequest(const wb::Request &r)
{
    m_method->setCurrentText(QString::fromLatin1(r.method));
    m_url->setText(r.url);
    m_headers->setRows(r.headers);
    m_body->setBody(r.body);
    m_authType->setCurrentIndex(int(r.auth.type));
    m_user->setText(r.auth.user);
    m_password->setText(r.auth.password);
    m_token->setText(r.auth.token);
    m_keepAlive->setChecked(r.keepAlive);
    m_timeout->setValue(r.timeoutMs);
    m_insecure->setChecked(r.insecure);
    m_redirects->setValue(r.followRedirects);
}

void ComposerWidget::setBusy(bool busy)
{
    m_busy = busy;
    m_cancelKey->setEnabled(busy);
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
}

void ComposerWidget::setProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setToolTip(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_resolved->setVisible(problem.isEmpty() && !m_resolved->text().isEmpty());
}

QString ComposerWidget::validate() const
{
    if (const QString problem = request().problem(m_variables); !problem.isEmpty())
        return problem;
    return m_headers->firstProblem();
}

void ComposerWidget::focusUrl()
{
    m_url->setFocus();
    m_url->selectAll();
}

wb::RequestAuth ComposerWidget::auth() const
{
    wb::RequestAuth a;
    a.type = wb::RequestAuth::Type(m_authType->currentIndex());
    a.user = m_user->text();
    a.password = m_password->text();
    a.token = m_token->text();
    return a;
}

namespace {

// Query text as written: parameters percent-decoded for the table, encoded again for the URL
// (braces kept, so {{variables}} survive).
QList<QPair<QByteArray, QByteArray>> parseQuery(const QString &query)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const QString &part : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        const QString name = eq < 0 ? part : part.left(eq);
        const QString value = eq < 0 ? QString() : part.mid(eq + 1);
        out.append({QByteArray::fromPercentEncoding(name.toUtf8()),
                    QByteArray::fromPercentEncoding(value.toUtf8())});
    }
    return out;
}

QByteArray encodeQueryPart(const QByteArray &text)
{
    return text.toPercentEncoding("{}:/@!$'()*,;?");
}

} // namespace

void ComposerWidget::urlToParams()
{
    if (m_syncing)
        return;
    const QString text = m_url->text();
    const qsizetype q = text.indexOf(u'?');
    QString query = q < 0 ? QString() : text.mid(q + 1);
    query = query.section(u'#', 0, 0);
    m_syncing = true;
    m_params->setHeaders(parseQuery(query));
    m_syncing = false;
}

void ComposerWidget::paramsToUrl()
{
    if (m_syncing)
        return;
    const QString text = m_url->text();
    const qsizetype q = text.indexOf(u'?');
    const qsizetype hash = text.indexOf(u'#', q < 0 ? 0 : q);
    const QString base = q < 0 ? (hash < 0 ? text : text.left(hash)) : text.left(q);
    const QString fragment = hash < 0 ? QString() : text.mid(hash);
    QStringList parts;
    for (const auto &[name, value] : m_params->enabledHeaders())
        parts << QString::fromUtf8(encodeQueryPart(name) +
                                   (value.isEmpty() ? QByteArray() : '=' + encodeQueryPart(value)));
    m_syncing = true;
    m_url->setText(parts.isEmpty() ? base + fragment : base + u'?' + parts.join(u'&') + fragment);
    m_syncing = false;
}

bool ComposerWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_url && event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->keyCombination() == QKeyCombination(Qt::CTRL, Qt::Key_E))
            return true; // not accepted: the shortcut goes to the window
    }
    return QWidget::eventFilter(watched, event);
}

void ComposerWidget::setVariables(const wb::Variables &variables)
{
    m_variables = variables;
    highlightUrl();
    m_implicitTimer.start();
}

void ComposerWidget::highlightUrl()
{
    // QLineEdit has no rich text: the formats go in as input method attributes (no preedit text).
    const QString text = m_url->text();
    const QList<wb::Variables::Use> uses = wb::Variables::uses(text);
    QList<QInputMethodEvent::Attribute> attributes;
    QStringList unknown;
    for (const wb::Variables::Use &use : uses) {
        QTextCharFormat format;
        const bool known = m_variables.isDefined(use.name);
        format.setForeground(known ? QColor(0x2a, 0x9d, 0x5a) : QColor(0xe0, 0x40, 0x40));
        format.setFontWeight(QFont::Bold);
        if (!known)
            unknown << use.name;
        attributes.append({QInputMethodEvent::TextFormat, int(use.start - m_url->cursorPosition()),
                           int(use.length), format});
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_url, &event);
    if (uses.isEmpty()) {
        m_resolved->clear();
        m_resolved->hide();
        m_url->setToolTip({});
        return;
    }
    const QString resolved = m_variables.substitute(text);
    QString shown = tr("Sends to: %1").arg(resolved.toHtmlEscaped());
    if (!unknown.isEmpty())
        shown += tr(" <span style='color:#e04040'>— not in the environment: %1</span>")
                     .arg(unknown.join(QStringLiteral(", ")).toHtmlEscaped());
    m_resolved->setText(shown);
    m_resolved->setToolTip(resolved);
    m_url->setToolTip(resolved);
    m_resolved->setVisible(!m_problem->isVisible());
}
