#include "mockserversmodel.h"

#include "mockhost.h"

#include <QBrush>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>

MockServersModel::MockServersModel(wb::MockHost *host, QObject *parent)
    : QAbstractTableModel(parent)
    , m_host(host)
{
    connect(host, &wb::MockHost::serverChanged, this, [this](int id) {
        if (const int row = rowOf(id); row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

void MockServersModel::reload()
{
    beginResetModel();
    endResetModel();
}

int MockServersModel::rowOf(int id) const
{
    const auto &servers = m_host->servers();
    for (int i = 0; i < servers.size(); ++i)
        if (servers[i].id == id)
            return i;
    return -1;
}

int MockServersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_host->servers().size());
}

int MockServersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MockServersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wb::MockHost::Server &s = m_host->servers()[index.row()];
    const bool local = s.spec.host == QLatin1String("127.0.0.1") ||
                       s.spec.host == QLatin1String("::1") ||
                       s.spec.host == QLatin1String("localhost");
    if (role == IdRole)
        return s.id;
    if (role == Qt::ToolTipRole) {
        QString tip = s.file.isEmpty() ? tr("Made in the app") : QFileInfo(s.file).fileName();
        if (!s.error.isEmpty())
            tip += u'\n' + s.error;
        if (!local)
            tip += u'\n' + tr("Listens on %1: reachable from other machines")
                               .arg(s.spec.host.isEmpty() ? tr("every interface") : s.spec.host);
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (s.state == wb::MockHost::State::Failed)
            return QBrush(QColor(0xd0, 0x40, 0x40));
        if (s.state == wb::MockHost::State::Running)
            return QBrush(QColor(0x2a, 0x9d, 0x5a));
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == Requests)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return s.spec.name;
    case Address:
        return s.state == wb::MockHost::State::Running
                   ? s.url + (local ? QString() : tr(" ⚠"))
                   : QStringLiteral("%1:%2")
                         .arg(s.spec.host.isEmpty() ? QStringLiteral("*") : s.spec.host)
                         .arg(s.spec.port == 0 ? tr("any port") : QString::number(s.spec.port));
    case State:
        switch (s.state) {
        case wb::MockHost::State::Running:
            return tr("running");
        case wb::MockHost::State::Failed:
            return tr("failed");
        case wb::MockHost::State::Stopped:
            return tr("stopped");
        }
        return {};
    case Requests:
        return s.requests;
    default:
        return {};
    }
}

QVariant MockServersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Server");
    case Address:
        return tr("Address");
    case State:
        return tr("State");
    case Requests:
        return tr("Requests");
    default:
        return {};
    }
}
