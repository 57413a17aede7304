#include "mocklogfilter.h"

#include "mocklogmodel.h"

MockLogFilter::MockLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void MockLogFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void MockLogFilter::setMethod(const QString &method)
{
    m_method = method;
    invalidateRowsFilter();
}

void MockLogFilter::setStatusClass(int statusClass)
{
    m_statusClass = statusClass;
    invalidateRowsFilter();
}

void MockLogFilter::setRouteKind(RouteKind kind)
{
    m_route = kind;
    invalidateRowsFilter();
}

bool MockLogFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(row, 0, parent);
    if (m_statusClass >= 0 && first.data(MockLogModel::StatusClassRole).toInt() != m_statusClass)
        return false;
    const bool proxied = first.data(MockLogModel::ProxiedRole).toBool();
    const bool matched = first.data(MockLogModel::RouteRole).toInt() >= 0;
    if ((m_route == RouteKind::Matched && !matched) ||
        (m_route == RouteKind::Proxied && !proxied) ||
        (m_route == RouteKind::NoRoute && (matched || proxied)))
        return false;
    const QString method = m->index(row, MockLogModel::Method, parent).data().toString();
    if (!m_method.isEmpty() && method != m_method)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {MockLogModel::Method, MockLogModel::Url, MockLogModel::Status,
                       MockLogModel::Server, MockLogModel::Fault})
        if (m->index(row, column, parent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}
