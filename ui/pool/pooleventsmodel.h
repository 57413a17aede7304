#pragma once

#include "poolrecorder.h"

#include <QAbstractTableModel>

#include <vector>

/// Every pool event in order, with its time, names and what it means in plain words (the
/// tooltip): the timeline beside the lanes, and what Export writes as JSON lines.
class PoolEventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Ms, Name, Socket, Request, Detail, ColumnCount };
    /// Beyond this many events the oldest quarter is let go (a long session stays bounded).
    static constexpr qsizetype kKept = wb::PoolRecorder::kKept;

    explicit PoolEventsModel(QObject *parent = nullptr);

    void append(const wb::PoolRecorder::Event &event);
    void setEvents(std::vector<wb::PoolRecorder::Event> events);
    const std::vector<wb::PoolRecorder::Event> &events() const { return m_events; }
    /// Events let go (kKept) since the last setEvents(); row numbers keep counting from there.
    qint64 dropped() const { return m_dropped; }
    /// The row of the event shown as "current" (the step the lanes show); -1: none (live).
    void setCurrent(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<wb::PoolRecorder::Event> m_events;
    qint64 m_dropped = 0;
    int m_current = -1;
};
