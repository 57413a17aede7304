#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>

/// Name/value rows being composed, each with a checkbox (sent or not): request headers, checked
/// as you type with Node's validateHeaderName / validateHeaderValue messages, or query parameters
/// (any text).
class HeaderEditModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Value };
    enum class Kind { Headers, QueryParameters };
    /// Qt::UserRole + 1 on any cell: the row's problem, empty when the row is fine.
    static constexpr int ProblemRole = Qt::UserRole + 1;

    explicit HeaderEditModel(QObject *parent = nullptr, Kind kind = Kind::Headers);

    void setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    /// The rows that are checked, named and valid, in order.
    QList<QPair<QByteArray, QByteArray>> enabledHeaders() const;
    /// The first problem among checked rows ("" when none).
    QString firstProblem() const;
    void appendRow();
    void removeRow(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        bool enabled = true;
        QByteArray name;
        QByteArray value;
    };
    QString problem(const Row &row) const;
    QList<Row> m_rows;
    Kind m_kind;
};
