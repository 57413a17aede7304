#include "saverequestdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>

SaveRequestDialog::SaveRequestDialog(const QStringList &collections, const QString &collection,
                                     const QString &name, Check check, QWidget *parent)
    : QDialog(parent)
    , m_collection(new QComboBox(this))
    , m_name(new QLineEdit(name, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_check(std::move(check))
{
    setWindowTitle(tr("Save request"));
    m_name->setObjectName(QStringLiteral("saveName"));
    m_name->selectAll();
    m_collection->setObjectName(QStringLiteral("saveCollection"));
    m_collection->setEditable(true);
    m_collection->addItem(QString());
    m_collection->addItems(collections);
    m_collection->setCurrentText(collection);
    m_collection->setToolTip(tr("A folder under requests/ (a/b nests); empty: the top level"));
    m_collection->lineEdit()->setPlaceholderText(tr("(top level)"));
    m_problem->setObjectName(QStringLiteral("saveProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #e04040"));
    m_problem->setMinimumHeight(fontMetrics().lineSpacing());
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Collection:"), m_collection);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SaveRequestDialog::validate);
    connect(m_collection, &QComboBox::currentTextChanged, this, &SaveRequestDialog::validate);
    resize(qMax(width(), 420), height());
    setTabOrder(m_name, m_collection); // then the buttons
    m_name->setFocus();
    validate();
}

QString SaveRequestDialog::collection() const
{
    return m_collection->currentText().trimmed();
}

QString SaveRequestDialog::name() const
{
    return m_name->text().trimmed();
}

void SaveRequestDialog::validate()
{
    const QString problem = m_check ? m_check(collection(), name()) : QString();
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

QString SaveRequestDialog::suggestName(const QByteArray &method, const QString &url)
{
    // The path after the scheme and host (or after a leading {{base}}), in words. A URL typed
    // without a scheme starts with its host, as curl reads it.
    QString path = url.section(u'?', 0, 0).section(u'#', 0, 0);
    static const QRegularExpression origin(QStringLiteral("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*|"
                                                          "\\{\\{[^}]*\\}\\}|[^/{]+)"));
    const QRegularExpressionMatch m = origin.match(path);
    const QString host = m.hasMatch() ? QUrl::fromUserInput(m.captured(1)).host() : QString();
    if (m.hasMatch())
        path = path.mid(m.capturedLength(1));
    static const QRegularExpression braces(QStringLiteral("[{}]"));
    path.remove(braces);
    QStringList words = path.simplified().split(u'/', Qt::SkipEmptyParts);
    if (words.isEmpty() && !host.isEmpty())
        words << host;
    words.prepend(QString::fromLatin1(method));
    return words.join(u' ');
}
