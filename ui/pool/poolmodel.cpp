#include "poolmodel.h"

using wb::PoolState;

PoolModel::PoolModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void PoolModel::apply(const wb::PoolRecorder::Event &e)
{
    int g = m_state.groupIndex(e.group);
    if (g < 0) {
        const int row = int(m_state.groups().size());
        beginInsertRows({}, row, row);
        m_state.apply(e);
        endInsertRows();
        return;
    }
    const QModelIndex group = createIndex(g, 0, kGroupRow);
    if (e.name == QLatin1String("socketCreated") && m_state.socketIndex(g, e.socket) < 0) {
        const int row = int(m_state.groups()[size_t(g)].sockets.size());
        beginInsertRows(group, row, row);
        m_state.apply(e);
        endInsertRows();
    } else {
        m_state.apply(e);
    }
    Q_EMIT dataChanged(group, group.siblingAtColumn(ColumnCount - 1));
    if (const int s = m_state.socketIndex(g, e.socket); s >= 0)
        Q_EMIT dataChanged(index(s, 0, group), index(s, ColumnCount - 1, group));
}

void PoolModel::setState(wb::PoolState state)
{
    beginResetModel();
    m_state = std::move(state);
    endResetModel();
}

QModelIndex PoolModel::socketIndex(const QString &group, quint64 id) const
{
    const int g = m_state.groupIndex(group);
    const int s = m_state.socketIndex(g, id);
    return s < 0 ? QModelIndex() : createIndex(s, 0, quintptr(g));
}

QModelIndex PoolModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return parent.isValid() ? createIndex(row, column, quintptr(parent.row()))
                            : createIndex(row, column, kGroupRow);
}

QModelIndex PoolModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupRow)
        return {};
    return createIndex(int(child.internalId()), 0, kGroupRow);
}

int PoolModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_state.groups().size());
    if (parent.internalId() != kGroupRow || parent.column() != 0)
        return 0;
    return int(m_state.groups()[size_t(parent.row())].sockets.size());
}

int PoolModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PoolModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupRow)
        return groupData(index.row(), index.column(), role);
    return socketData(int(index.internalId()), index.row(), index.column(), role);
}

QVariant PoolModel::groupData(int group, int column, int role) const
{
    const PoolState::Group &g = m_state.groups()[size_t(group)];
    if (role == SocketIdRole)
        return 0;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Name:
        return g.name;
    case State:
        return tr("sockets %1 · freeSockets %2 · requests %3")
            .arg(g.busy)
            .arg(g.free)
            .arg(g.queue.size());
    case Served:
        return int(g.bars.size());
    case Detail: {
        const PoolState::Counters c = m_state.counters(group);
        return tr("created %1 · reused %2 · destroyed %3 · max at once %4 · queued %5 "
                  "(p50 %6 ms, max %7 ms)")
            .arg(c.created)
            .arg(c.reused)
            .arg(c.destroyed)
            .arg(c.maxConcurrent)
            .arg(c.queuedCount)
            .arg(c.queuedP50, 0, 'f', 0)
            .arg(c.queuedMax, 0, 'f', 0);
    }
    default:
        return {};
    }
}

QVariant PoolModel::socketData(int group, int socket, int column, int role) const
{
    const PoolState::Socket &s = m_state.groups()[size_t(group)].sockets[size_t(socket)];
    if (role == SocketIdRole)
        return s.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Name:
        return tr("socket #%1").arg(s.id);
    case State:
        return PoolState::stateName(s.state);
    case Served:
        return s.served();
    case Port:
        return s.port ? QVariant(s.port) : QVariant();
    case Detail:
        if (s.state == PoolState::SocketState::Destroyed)
            return s.reason;
        if (s.current)
            return tr("request #%1").arg(s.current);
        if (s.state == PoolState::SocketState::Free)
            return tr("idle since %1 ms").arg(s.freeSince, 0, 'f', 0);
        return {};
    default:
        return {};
    }
}

QVariant PoolModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Pool / socket");
    case State:
        return tr("State");
    case Served:
        return tr("Requests");
    case Port:
        return tr("Local port");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}
