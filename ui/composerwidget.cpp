#include "composerwidget.h"

#include "headereditmodel.h"
#include "http.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

ComposerWidget::ComposerWidget(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_problem(new QLabel(this))
    , m_headers(new HeaderEditModel(this))
    , m_params(new HeaderEditModel(this, HeaderEditModel::Kind::QueryParameters))
    , m_headerTable(new QTableView(this))
    , m_body(new QPlainTextEdit(this))
    , m_keepAlive(new QCheckBox(
          tr("Keep the connection alive (an Agent with keepAlive; off sends agent: false)"), this))
    , m_timeout(new QSpinBox(this))
    , m_insecure(
          new QCheckBox(tr("Accept an invalid TLS certificate (rejectUnauthorized: false)"), this))
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
    m_method->setMinimumContentsLength(8);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(tr("http://127.0.0.1:8080/path"));
    m_url->setClearButtonEnabled(true);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Ctrl+Enter); Esc cancels"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c02020"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_headerTable->setModel(m_headers);
    m_headerTable->horizontalHeader()->setStretchLastSection(true);
    m_headerTable->verticalHeader()->hide();
    m_headerTable->setObjectName(QStringLiteral("headers"));
    m_body->setObjectName(QStringLiteral("body"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("Request body (sent with Content-Length)"));

    auto *add = new QToolButton(this);
    add->setText(tr("Add header"));
    auto *remove = new QToolButton(this);
    remove->setText(tr("Remove"));
    connect(add, &QToolButton::clicked, this, [this] {
        m_headers->appendRow();
        m_headerTable->edit(m_headers->index(m_headers->rowCount() - 1, HeaderEditModel::Name));
    });
    connect(remove, &QToolButton::clicked, this,
            [this] { m_headers->removeRow(m_headerTable->currentIndex().row()); });

    auto *headersPage = new QWidget(this);
    auto *headersLayout = new QVBoxLayout(headersPage);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headerTable);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *auto_ = new QLabel(
        tr("<i>Added by the client: Host, Connection, Content-Length or Transfer-Encoding</i>"),
        this);
    auto_->setStyleSheet(QStringLiteral("color: gray"));
    buttons->addWidget(auto_);
    headersLayout->addLayout(buttons);

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
    options->addRow(tr("Timeout:"), m_timeout);
    options->addRow(m_insecure);
    m_redirects->setObjectName(QStringLiteral("redirects"));
    m_redirects->setRange(0, 50);
    m_redirects->setSpecialValueText(tr("do not follow"));
    options->addRow(tr("Follow redirects:"), m_redirects);

    m_authType->setObjectName(QStringLiteral("authType"));
    m_authType->addItems({tr("None"), tr("Basic"), tr("Bearer token")});
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("token"));
    auto *authPage = new QWidget(this);
    auto *auth = new QFormLayout(authPage);
    auth->addRow(tr("Type:"), m_authType);
    auth->addRow(tr("User:"), m_user);
    auth->addRow(tr("Password:"), m_password);
    auth->addRow(tr("Token:"), m_token);
    auto *authHint = new QLabel(
        tr("<i>Sent as the Authorization header, unless the Headers tab has one.</i>"), authPage);
    authHint->setStyleSheet(QStringLiteral("color: gray"));
    auth->addRow(authHint);
    auto updateAuth = [this, auth] {
        const int type = m_authType->currentIndex();
        auth->setRowVisible(m_user, type == 1);
        auth->setRowVisible(m_password, type == 1);
        auth->setRowVisible(m_token, type == 2);
    };
    connect(m_authType, &QComboBox::currentIndexChanged, this, updateAuth);
    updateAuth();

    auto *paramsTable = new QTableView(this);
    paramsTable->setObjectName(QStringLiteral("params"));
    paramsTable->setModel(m_params);
    paramsTable->horizontalHeader()->setStretchLastSection(true);
    paramsTable->verticalHeader()->hide();
    auto *addParam = new QToolButton(this);
    addParam->setText(tr("Add parameter"));
    connect(addParam, &QToolButton::clicked, this, [this, paramsTable] {
        m_params->appendRow();
        paramsTable->edit(m_params->index(m_params->rowCount() - 1, HeaderEditModel::Name));
    });
    auto *paramsPage = new QWidget(this);
    auto *paramsLayout = new QVBoxLayout(paramsPage);
    paramsLayout->setContentsMargins(0, 0, 0, 0);
    paramsLayout->addWidget(paramsTable);
    paramsLayout->addWidget(addParam, 0, Qt::AlignLeft);
    connect(m_url, &QLineEdit::textChanged, this, &ComposerWidget::urlToParams);
    connect(m_params, &QAbstractItemModel::dataChanged, this, &ComposerWidget::paramsToUrl);
    connect(m_params, &QAbstractItemModel::rowsRemoved, this, &ComposerWidget::paramsToUrl);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(paramsPage, tr("Params"));
    tabs->addTab(headersPage, tr("Headers"));
    tabs->addTab(m_body, tr("Body"));
    tabs->addTab(authPage, tr("Auth"));
    tabs->addTab(optionsPage, tr("Options"));

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(line);
    layout->addWidget(m_problem);
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
    auto *sendKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendKey, &QShortcut::activated, m_send, &QPushButton::click);
    auto *cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancelKey, &QShortcut::activated, this, [this] {
        if (m_busy)
            emit cancelRequested();
    });
    connect(m_headers, &HeaderEditModel::dataChanged, this,
            [this] { setProblem(m_headers->firstProblem()); });
    setMinimumSize(420, 200);
}

QByteArray ComposerWidget::method() const
{
    return m_method->currentText().trimmed().toLatin1();
}

QString ComposerWidget::url() const
{
    return m_url->text().trimmed();
}

QList<QPair<QByteArray, QByteArray>> ComposerWidget::headers() const
{
    return m_headers->enabledHeaders();
}

QByteArray ComposerWidget::body() const
{
    return m_body->toPlainText().toUtf8();
}

void ComposerWidget::setRequest(const QByteArray &method, const QString &url,
                                const QList<QPair<QByteArray, QByteArray>> &headers,
                                const QByteArray &body)
{
    m_method->setCurrentText(QString::fromLatin1(method));
    m_url->setText(url);
    m_headers->setHeaders(headers);
    m_body->setPlainText(QString::fromUtf8(body));
}

void ComposerWidget::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
}

void ComposerWidget::setProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString ComposerWidget::validate() const
{
    if (!http::checkIsHttpToken(method()))
        return tr("Method must be a valid HTTP token [\"%1\"]").arg(QString::fromLatin1(method()));
    const QUrl u = QUrl::fromUserInput(url());
    if (url().isEmpty() || !u.isValid() || u.host().isEmpty())
        return tr("Enter a URL such as http://127.0.0.1:8080/");
    if (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))
        return tr("Only http:// and https:// URLs can be sent");
    return m_headers->firstProblem();
}

bool ComposerWidget::keepAlive() const
{
    return m_keepAlive->isChecked();
}

int ComposerWidget::timeoutMs() const
{
    return m_timeout->value();
}

bool ComposerWidget::acceptInvalidCertificates() const
{
    return m_insecure->isChecked();
}

QByteArray ComposerWidget::authorization() const
{
    switch (m_authType->currentIndex()) {
    case 1:
        return "Basic " + (m_user->text() + u':' + m_password->text()).toUtf8().toBase64();
    case 2:
        return m_token->text().trimmed().isEmpty()
                   ? QByteArray()
                   : "Bearer " + m_token->text().trimmed().toLatin1();
    default:
        return {};
    }
}

void ComposerWidget::setBasicAuth(const QString &user, const QString &password)
{
    m_authType->setCurrentIndex(1);
    m_user->setText(user);
    m_password->setText(password);
}

void ComposerWidget::setBearerToken(const QString &token)
{
    m_authType->setCurrentIndex(2);
    m_token->setText(token);
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

QList<QPair<QByteArray, QByteArray>> ComposerWidget::queryParameters() const
{
    return m_params->enabledHeaders();
}

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

int ComposerWidget::followRedirects() const
{
    return m_redirects->value();
}
