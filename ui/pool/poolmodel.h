#pragma once

#include "poolstate.h"

#include <QAbstractItemModel>

/// The Agent's pools as a tree: a row per pool (Node's getName()) with its live numbers under
/// Node's names (`sockets`, `freeSockets`, `requests`) and counters, and under it a row per
/// socket (id, local port, state, requests served). Fed event by event while live; set whole
/// when the view steps to an earlier event.
class PoolModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, State, Served, Port, Detail, ColumnCount };
    /// On a socket row: its socket id; on a pool row: 0.
    static constexpr int SocketIdRole = Qt::UserRole + 1;

    explicit PoolModel(QObject *parent = nullptr);

    /// One more event, shown as it lands.
    void apply(const wb::PoolRecorder::Event &event);
    /// A whole state (a step back or forward, a loaded file): the model is reset.
    void setState(wb::PoolState state);
    const wb::PoolState &state() const { return m_state; }
    /// The row of socket `id` in pool `group` (invalid if unknown).
    QModelIndex socketIndex(const QString &group, quint64 id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static constexpr quintptr kGroupRow = ~quintptr(0);
    QVariant groupData(int group, int column, int role) const;
    QVariant socketData(int group, int socket, int column, int role) const;

    wb::PoolState m_state;
};
