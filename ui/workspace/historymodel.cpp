#include "historymodel.h"

#include "workspace.h"

HistoryModel::HistoryModel(const wb::Workspace *workspace, QObject *parent)
    : QAbstractListModel(parent)
    , m_workspace(workspace)
{
}

QJsonObject HistoryModel::entry(int row) const
{
    const QList<QJsonObject> &history = m_workspace->history();
    if (row < 0 || row >= history.size())
        return {};
    return history[history.size() - 1 - row];
}

void HistoryModel::reload()
{
    beginResetModel();
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_workspace->history().size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QJsonObject e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QJsonObject request = e.value(QStringLiteral("request")).toObject();
        return QStringLiteral("%1 %2 %3")
            .arg(e.value(QStringLiteral("status")).toString(),
                 request.value(QStringLiteral("method")).toString(),
                 request.value(QStringLiteral("url")).toString());
    }
    case Qt::ToolTipRole:
    case TimeRole:
        return e.value(QStringLiteral("time")).toString();
    default:
        return {};
    }
}
