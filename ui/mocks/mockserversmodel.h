#pragma once

#include <QAbstractTableModel>

namespace wb {
class MockHost;
} // namespace wb

/// The app's mock servers as a table: name, address, state, requests served. Follows the host's
/// changes; the id of a row's server is under IdRole.
class MockServersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Address, State, Requests, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit MockServersModel(wb::MockHost *host, QObject *parent = nullptr);

    /// Servers were added or removed.
    void reload();
    /// The row of server `id` (-1 when there is none).
    int rowOf(int id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    wb::MockHost *m_host;
};
