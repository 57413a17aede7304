#pragma once

#include <QSortFilterProxyModel>

/// The log's rows a user asks for: text anywhere in the method, URL or status; one method; one
/// status class (0: no answer); matched a route, no route, or proxied.
class MockLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class RouteKind { Any, Matched, NoRoute, Proxied };

    explicit MockLogFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    void setMethod(const QString &method); ///< "" for any
    void setStatusClass(int statusClass);  ///< -1 for any
    void setRouteKind(RouteKind kind);
    /// Some rows may be left out.
    bool isActive() const
    {
        return !m_text.isEmpty() || !m_method.isEmpty() || m_statusClass >= 0 ||
               m_route != RouteKind::Any;
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_text;
    QString m_method;
    int m_statusClass = -1;
    RouteKind m_route = RouteKind::Any;
};
