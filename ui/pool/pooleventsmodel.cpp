#include "pooleventsmodel.h"

#include "poolstate.h"

#include <QFont>

PoolEventsModel::PoolEventsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PoolEventsModel::append(const wb::PoolRecorder::Event &event)
{
    if (qsizetype(m_events.size()) >= kKept) {
        const int drop = int(kKept / 4);
        beginRemoveRows({}, 0, drop - 1);
        m_events.erase(m_events.begin(), m_events.begin() + drop);
        m_dropped += drop;
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.push_back(event);
    endInsertRows();
}

void PoolEventsModel::setEvents(std::vector<wb::PoolRecorder::Event> events)
{
    beginResetModel();
    m_events = std::move(events);
    m_dropped = 0;
    m_current = -1;
    endResetModel();
}

void PoolEventsModel::setCurrent(int row)
{
    const int old = m_current;
    m_current = row;
    for (int r : {old, row})
        if (r >= 0 && r < rowCount())
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1), {Qt::FontRole});
}

int PoolEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int PoolEventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PoolEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wb::PoolRecorder::Event &e = m_events[size_t(index.row())];
    if (role == Qt::ToolTipRole)
        return wb::PoolState::explain(e);
    if (role == Qt::FontRole && index.row() == m_current) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() <= Ms)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number:
        return qint64(index.row()) + m_dropped + 1;
    case Ms:
        return QString::number(e.ms, 'f', 1);
    case Name:
        return e.name;
    case Socket:
        return e.socket ? QVariant(e.socket) : QVariant();
    case Request:
        return e.request ? QVariant(e.request) : QVariant();
    case Detail:
        return wb::PoolState::explain(e);
    default:
        return {};
    }
}

QVariant PoolEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("#");
    case Ms:
        return tr("ms");
    case Name:
        return tr("Event");
    case Socket:
        return tr("Socket");
    case Request:
        return tr("Request");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}
