#include "environmentdialog.h"

#include "edittable.h"
#include "headereditmodel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

EnvironmentDialog::EnvironmentDialog(const Environments &environments, const QString &current,
                                     QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_list(new QListWidget(this))
    , m_variables(new HeaderEditModel(this, HeaderEditModel::Kind::Variables))
{
    setWindowTitle(tr("Environments"));
    m_list->setObjectName(QStringLiteral("environmentList"));
    m_list->addItems(m_environments.keys());
    auto *add = new QPushButton(tr("&New…"), this);
    auto *rename = new QPushButton(tr("Re&name…"), this);
    auto *remove = new QPushButton(tr("&Delete"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New environment"), tr("Name:"),
                                                   QLineEdit::Normal, tr("local"), &ok);
        if (ok && !name.trimmed().isEmpty())
            addEnvironment(name.trimmed());
    });
    connect(rename, &QPushButton::clicked, this, [this] {
        QListWidgetItem *item = m_list->currentItem();
        if (!item)
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename environment"), tr("Name:"),
                                                   QLineEdit::Normal, item->text(), &ok)
                                 .trimmed();
        if (!ok || name.isEmpty() || m_environments.contains(name))
            return;
        keepTable();
        m_environments.insert(name, m_environments.take(item->text()));
        m_shown = name;
        item->setText(name);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        QListWidgetItem *item = m_list->currentItem();
        if (!item)
            return;
        m_environments.remove(item->text());
        m_shown.clear();
        delete item;
        showSelected();
    });
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(rename);
    listButtons->addWidget(remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_table = new EditTable(m_variables, tr("Add variable"), this);
    auto *table = m_table;
    table->view()->setObjectName(QStringLiteral("variables"));
    auto *hint =
        new QLabel(tr("<i>Write {{name}} in a URL, header or body to use a value.</i>"), this);
    hint->setEnabled(false);
    table->buttons()->addStretch();
    table->buttons()->addWidget(hint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(table, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentTextChanged, this, [this] {
        keepTable();
        showSelected();
    });
    const QList<QListWidgetItem *> found = m_list->findItems(current, Qt::MatchExactly);
    m_list->setCurrentItem(found.isEmpty() ? m_list->item(0) : found.first());
    showSelected();
    resize(720, 420);
}

void EnvironmentDialog::keepTable()
{
    if (m_shown.isEmpty() || !m_environments.contains(m_shown))
        return;
    QMap<QString, QString> vars;
    for (const wb::RequestBody::Field &f : m_variables->fields())
        if (f.enabled && !f.name.trimmed().isEmpty())
            vars.insert(f.name.trimmed(), f.value);
    m_environments[m_shown] = vars;
}

void EnvironmentDialog::showSelected()
{
    m_shown = current();
    QList<wb::RequestBody::Field> fields;
    const QMap<QString, QString> vars = m_environments.value(m_shown);
    for (auto v = vars.cbegin(); v != vars.cend(); ++v)
        fields.append({true, v.key(), v.value(), false});
    m_variables->setFields(fields);
    m_table->setEnabled(!m_shown.isEmpty());
    m_table->setToolTip(m_shown.isEmpty() ? tr("Make an environment first (New…)") : QString());
}

QString EnvironmentDialog::current() const
{
    return m_list->currentItem() ? m_list->currentItem()->text() : QString();
}

void EnvironmentDialog::addEnvironment(const QString &name)
{
    QString free = name;
    for (int n = 2; m_environments.contains(free); ++n)
        free = QStringLiteral("%1 %2").arg(name).arg(n);
    keepTable();
    m_environments.insert(free, {});
    m_list->addItem(free);
    m_list->setCurrentRow(m_list->count() - 1);
}

EnvironmentDialog::Environments EnvironmentDialog::environments()
{
    keepTable();
    return m_environments;
}
