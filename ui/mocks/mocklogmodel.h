#pragma once

#include "mockengine.h"

#include <QAbstractTableModel>
#include <QList>

namespace wb {
class MockHost;
} // namespace wb

/// The requests the mock servers served, oldest first, in a ring of `capacity` rows: beyond it
/// the oldest go, counted in dropped(). Mockoon's request log, WireMock's request journal.
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
    const wb::MockEngine::LogEntry &entry(int row) const { return m_rows[row]; }
    QList<wb::MockEngine::LogEntry> entries() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Rows were added, dropped or cleared.
    void countsChanged();

private:
    void trim();

    const wb::MockHost *m_host;
    QList<wb::MockEngine::LogEntry> m_rows;
    qsizetype m_capacity = kDefaultCapacity;
    qint64 m_dropped = 0;
};
