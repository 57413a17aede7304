#pragma once

#include "mockengine.h"

#include <QAbstractTableModel>
#include <QList>

#include <vector>

namespace wb {
class MockHost;
} // namespace wb

/// The requests the mock servers served, oldest first, in a ring of `capacity` rows: once full,
/// each new row pushes the oldest out (counted in dropped()) and the rows keep their number.
/// Mockoon's request log, WireMock's request journal.
class MockLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Time,
        Server,
        Method,
        Url,
        Route,
        Status,
        Ms,
        BytesIn,
        BytesOut,
        Fault,
        ColumnCount
    };
    /// On any cell: the row's status class (2 for 2xx…; 0 for no answer), route (-1 none) and
    /// whether it was proxied, for filters.
    static constexpr int StatusClassRole = Qt::UserRole + 1;
    static constexpr int RouteRole = Qt::UserRole + 2;
    static constexpr int ProxiedRole = Qt::UserRole + 3;
    static constexpr qsizetype kDefaultCapacity = 100000;

    explicit MockLogModel(const wb::MockHost *host, QObject *parent = nullptr);

    void append(const QList<wb::MockEngine::LogEntry> &batch);
    void clear();
    void setCapacity(qsizetype rows);
    qsizetype capacity() const { return m_capacity; }
    /// Rows let go beyond the capacity since the last clear().
    qint64 dropped() const { return m_dropped; }
    const wb::MockEngine::LogEntry &entry(int row) const;
    /// Every row, oldest first.
    QList<wb::MockEngine::LogEntry> entries() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Rows were added, dropped or cleared.
    void countsChanged();

private:
    std::vector<wb::MockEngine::LogEntry> m_ring;
    qsizetype m_head = 0; // once full: the slot of the oldest row
    const wb::MockHost *m_host;
    qsizetype m_capacity = kDefaultCapacity;
    qint64 m_dropped = 0;
};
