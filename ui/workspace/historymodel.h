#pragma once

#include <QAbstractListModel>
#include <QJsonObject>

namespace wb {
class Workspace;
} // namespace wb

/// The workspace's history as a list, newest first: "200 GET http://…" per exchange, its time
/// as the tooltip. Rows read the workspace's entries; nothing is copied per row.
class HistoryModel : public QAbstractListModel {
    Q_OBJECT
public:
    /// Qt::UserRole on a row: the entry's time, which names it.
    static constexpr int TimeRole = Qt::UserRole;

    explicit HistoryModel(const wb::Workspace *workspace, QObject *parent = nullptr);

    /// The entry shown in `row` (an empty object when there is none).
    QJsonObject entry(int row) const;
    /// The workspace's history changed.
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    const wb::Workspace *m_workspace;
};
