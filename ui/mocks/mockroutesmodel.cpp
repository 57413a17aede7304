#include "mockroutesmodel.h"

#include "theme.h"

#include <QApplication>
#include <QBrush>
#include <QGuiApplication>
#include <QMimeData>
#include <QPalette>
#include <QStyle>

MockRoutesModel::MockRoutesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // Any edit can hide a route behind another, or free it: every path's mark is asked again.
    connect(this, &MockRoutesModel::routesEdited, this, [this] {
        if (!m_routes.isEmpty())
            Q_EMIT dataChanged(index(0, Path), index(int(m_routes.size()) - 1, Path),
                               {Qt::DecorationRole, Qt::ToolTipRole});
    });
}

void MockRoutesModel::setRoutes(const QList<wb::MockRoute> &routes)
{
    beginResetModel();
    m_routes = routes;
    endResetModel();
}

void MockRoutesModel::replace(int row, const wb::MockRoute &route)
{
    if (row < 0 || row >= m_routes.size())
        return;
    m_routes[row] = route;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT routesEdited();
}

int MockRoutesModel::insert(int row, const wb::MockRoute &route)
{
    if (row < 0 || row > m_routes.size())
        row = int(m_routes.size());
    beginInsertRows({}, row, row);
    m_routes.insert(row, route);
    endInsertRows();
    Q_EMIT routesEdited();
    return row;
}

void MockRoutesModel::remove(int row)
{
    if (row < 0 || row >= m_routes.size())
        return;
    beginRemoveRows({}, row, row);
    m_routes.removeAt(row);
    endRemoveRows();
    Q_EMIT routesEdited();
}

void MockRoutesModel::move(int row, int by)
{
    const int to = row + by;
    if (row < 0 || row >= m_routes.size() || to < 0 || to >= m_routes.size() || by == 0)
        return;
    beginMoveRows({}, row, row, {}, by > 0 ? to + 1 : to);
    m_routes.move(row, to);
    endMoveRows();
    Q_EMIT routesEdited();
}

int MockRoutesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_routes.size());
}

int MockRoutesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MockRoutesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wb::MockRoute &r = m_routes[index.row()];
    if (role == Qt::CheckStateRole && index.column() == On)
        return r.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole) {
        const QPalette palette = QGuiApplication::palette();
        if (!r.enabled)
            return QBrush(palette.color(QPalette::Disabled, QPalette::Text));
        if (index.column() == Method)
            return QBrush(Theme::methodColor(r.method, palette));
        return {};
    }
    if (role == Qt::ToolTipRole && !r.enabled)
        return tr("Switched off: skipped when matching");
    if (index.column() == Path && (role == Qt::DecorationRole || role == Qt::ToolTipRole)) {
        const int hiding = wb::MockFile::shadowingRoute(m_routes, index.row());
        if (hiding < 0)
            return {};
        if (role == Qt::DecorationRole)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        const wb::MockRoute &first = m_routes[hiding];
        return tr("Can never match: route %1 (%2 %3) answers it first, with no \"match\"")
            .arg(hiding + 1)
            .arg(QString::fromLatin1(first.method), first.path);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Method:
        return QString::fromLatin1(r.method);
    case Path: {
        QString path = r.path;
        const wb::MockMatch &m = r.match;
        if (!m.query.isEmpty() || !m.headers.isEmpty() || m.hasBody)
            path += tr("  + match");
        return path;
    }
    case Answer: {
        if (r.responses.size() > 1)
            return r.random ? tr("%n responses, at random", nullptr, int(r.responses.size()))
                            : tr("%n responses in turn", nullptr, int(r.responses.size()));
        const wb::MockResponse &a = r.responses.isEmpty() ? r.response : r.responses.first();
        QString text = a.echo ? tr("echo") : QString::number(a.status);
        if (a.fault != wb::MockFault::None)
            text = tr("fault: %1").arg(wb::MockFile::faultName(a.fault));
        if (a.delayMs > 0)
            text += tr(" after %1 ms").arg(a.delayMs);
        if (a.templated)
            text += tr(" (template)");
        return text;
    }
    default:
        return {};
    }
}

bool MockRoutesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != On ||
        role != Qt::CheckStateRole)
        return false;
    wb::MockRoute &r = m_routes[index.row()];
    r.enabled = value.toInt() == Qt::Checked;
    if (r.enabled)
        r.source.remove(QStringLiteral("enabled"));
    else
        r.source.insert(QStringLiteral("enabled"), false);
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1),
                       {Qt::CheckStateRole, Qt::ForegroundRole});
    Q_EMIT routesEdited();
    return true;
}

Qt::ItemFlags MockRoutesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f | Qt::ItemIsDropEnabled; // between rows
    if (index.column() == On)
        f |= Qt::ItemIsUserCheckable;
    return f | Qt::ItemIsDragEnabled;
}

namespace {

const char kRouteRowType[] = "application/x-wirebench-route-row";

} // namespace

QStringList MockRoutesModel::mimeTypes() const
{
    return {QLatin1String(kRouteRowType)};
}

QMimeData *MockRoutesModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(QLatin1String(kRouteRowType), QByteArray::number(indexes.first().row()));
    return data;
}

bool MockRoutesModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                   const QModelIndex &parent)
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(QLatin1String(kRouteRowType)))
        return false;
    bool ok = false;
    const int from = data->data(QLatin1String(kRouteRowType)).toInt(&ok);
    if (!ok || from < 0 || from >= m_routes.size())
        return false;
    // Dropped before `row`; on a row: before it; below the last: at the end.
    int before = row >= 0 ? row : parent.isValid() ? parent.row() : int(m_routes.size());
    if (before > from)
        --before;
    move(from, before - from);
    return false; // moved here: the view must not remove the dragged row
}

QVariant MockRoutesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && role == Qt::DisplayRole)
        return section + 1; // the route's number, as the log shows it
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case On:
        return tr("On");
    case Method:
        return tr("Method");
    case Path:
        return tr("Path");
    case Answer:
        return tr("Answer");
    default:
        return {};
    }
}
