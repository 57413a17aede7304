#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>

#include "request.h"
#include "requestbody.h"

/// Name/value rows being composed, each with a checkbox (sent or not): request headers, checked
/// as you type with Node's validateHeaderName / validateHeaderValue messages, query parameters,
/// form fields (a third column marks a multipart file) or environment variables (any text).
/// Headers can end with read-only, greyed rows: what the client adds by itself.
class HeaderEditModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Value, File };
    enum class Kind { Headers, QueryParameters, FormFields, Variables };
    /// A header the user does not write: Host, Connection, Content-Length… and where it comes
    /// from (shown as its tooltip).
    using Implicit = wb::Request::Added;
    /// Qt::UserRole + 1 on any cell: the row's problem, empty when the row is fine.
    static constexpr int ProblemRole = Qt::UserRole + 1;

    explicit HeaderEditModel(QObject *parent = nullptr, Kind kind = Kind::Headers);

    void setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    /// Every row, checked or not (Headers).
    QList<wb::Request::Header> rows() const;
    void setRows(const QList<wb::Request::Header> &rows);
    /// The rows that are checked, named and valid, in order.
    QList<QPair<QByteArray, QByteArray>> enabledHeaders() const;
    /// The first problem among checked rows ("" when none).
    QString firstProblem() const;
    /// FormFields: the rows as body fields (unchecked and unnamed ones too).
    QList<wb::RequestBody::Field> fields() const;
    void setFields(const QList<wb::RequestBody::Field> &fields);
    /// Headers: the greyed rows after the user's.
    void setImplicit(const QList<Implicit> &rows);
    /// Rows the user wrote (the implicit ones follow them).
    int userRowCount() const { return int(m_rows.size()); }
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
        bool isFile = false;
    };
    QString problem(const Row &row) const;
    QString text(const QByteArray &bytes) const;
    QVariant implicitData(const Implicit &row, int column, int role) const;
    QList<Row> m_rows;
    QList<Implicit> m_implicit;
    Kind m_kind;
};
