#include "edittable.h"

#include "headereditmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QShortcut>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

EditTable::EditTable(HeaderEditModel *model, const QString &addText, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_buttons(new QHBoxLayout)
{
    m_view->setModel(model);
    QHeaderView *columns = m_view->horizontalHeader();
    columns->resizeSection(HeaderEditModel::Name, 200);
    columns->setSectionResizeMode(HeaderEditModel::Value, QHeaderView::Stretch);
    if (model->columnCount() > HeaderEditModel::File)
        columns->setSectionResizeMode(HeaderEditModel::File, QHeaderView::ResizeToContents);
    m_view->verticalHeader()->hide();
    m_view->setTabKeyNavigation(false); // Tab leaves the table, as everywhere else in the window

    auto *add = new QToolButton(this);
    add->setText(addText);
    add->setObjectName(QStringLiteral("add"));
    auto *remove = new QToolButton(this);
    remove->setText(tr("Remove"));
    remove->setToolTip(tr("Remove the current row (Delete)"));
    connect(add, &QToolButton::clicked, this, &EditTable::addRow);
    auto removeCurrent = [this] { m_model->removeRow(m_view->currentIndex().row()); };
    connect(remove, &QToolButton::clicked, this, removeCurrent);
    auto *del = new QShortcut(QKeySequence::Delete, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, removeCurrent);

    m_buttons->addWidget(add);
    m_buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(m_buttons);
}

void EditTable::addRow()
{
    m_model->appendRow();
    const QModelIndex name = m_model->index(m_model->userRowCount() - 1, HeaderEditModel::Name);
    m_view->setCurrentIndex(name);
    m_view->edit(name);
}
