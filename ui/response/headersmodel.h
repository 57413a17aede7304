#pragma once

#include <QAbstractTableModel>
#include <QByteArrayList>

/// Header lines exactly as received (Node's `rawHeaders` / `rawTrailers`): order, case and
/// duplicates kept. Columns: Name, Value.
class HeadersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit HeadersModel(QObject *parent = nullptr);

    /// A flat list: name, value, name, value…
    void setRaw(const QByteArrayList &raw);
    const QByteArrayList &raw() const { return m_raw; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QByteArrayList m_raw;
};
