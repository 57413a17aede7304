#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

/// Node's events of one exchange in the order they fired, with milliseconds since the start.
/// Columns: ms, Event. Rows are only appended (a live trace), then cleared for the next one.
class EventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Row {
        double ms = 0;
        QString name;
    };

    explicit EventsModel(QObject *parent = nullptr);

    void clear();
    /// Shows `rows`, appending only what is new when they extend what is shown.
    void update(const QList<Row> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};
