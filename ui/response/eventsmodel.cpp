#include "eventsmodel.h"

EventsModel::EventsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EventsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void EventsModel::update(const QList<Row> &rows)
{
    const bool extends =
        rows.size() >= m_rows.size() &&
        std::equal(m_rows.cbegin(), m_rows.cend(), rows.cbegin(),
                   [](const Row &a, const Row &b) { return a.name == b.name && a.ms == b.ms; });
    if (!extends) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (rows.size() == m_rows.size())
        return;
    beginInsertRows({}, int(m_rows.size()), int(rows.size()) - 1);
    m_rows = rows;
    endInsertRows();
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[index.row()];
    if (role == Qt::DisplayRole)
        return index.column() == 0 ? QString::number(row.ms, 'f', 3) : row.name;
    if (role == Qt::TextAlignmentRole && index.column() == 0)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("ms") : tr("Event (Node's name)");
}
