#include "headereditmodel.h"

#include "http.h"

#include <QBrush>
#include <QColor>

HeaderEditModel::HeaderEditModel(QObject *parent, Kind kind)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{
}

void HeaderEditModel::setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    beginResetModel();
    m_rows.clear();
    for (const auto &[name, value] : headers)
        m_rows.append({true, name, value});
    endResetModel();
}

QList<QPair<QByteArray, QByteArray>> HeaderEditModel::enabledHeaders() const
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const Row &row : m_rows)
        if (row.enabled && !row.name.isEmpty() && problem(row).isEmpty())
            out.append({row.name, row.value});
    return out;
}

QString HeaderEditModel::firstProblem() const
{
    for (const Row &row : m_rows)
        if (row.enabled && !row.name.isEmpty())
            if (const QString p = problem(row); !p.isEmpty())
                return p;
    return {};
}

QString HeaderEditModel::problem(const Row &row) const
{
    if (m_kind == Kind::QueryParameters)
        return {};
    if (row.name.isEmpty())
        return row.value.isEmpty() ? QString() : tr("A header needs a name");
    if (HttpError e = http::validateHeaderName(row.name))
        return e.message();
    if (HttpError e = http::validateHeaderValue(row.name, row.value))
        return e.message();
    return {};
}

void HeaderEditModel::appendRow()
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(Row());
    endInsertRows();
}

void HeaderEditModel::removeRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int HeaderEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeaderEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant HeaderEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[index.row()];
    const QByteArray &text = index.column() == Name ? row.name : row.value;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return m_kind == Kind::Headers ? QString::fromLatin1(text) : QString::fromUtf8(text);
    case Qt::CheckStateRole:
        return index.column() == Name ? QVariant(row.enabled ? Qt::Checked : Qt::Unchecked)
                                      : QVariant();
    case Qt::ToolTipRole:
    case ProblemRole:
        return problem(row);
    case Qt::ForegroundRole:
        if (!row.enabled)
            return QBrush(QColor(Qt::gray));
        return problem(row).isEmpty() ? QVariant() : QVariant(QBrush(QColor(0xc0, 0x20, 0x20)));
    default:
        return {};
    }
}

bool HeaderEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Row &row = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == Name) {
        row.enabled = value.toInt() == Qt::Checked;
    } else if (role == Qt::EditRole) {
        // Header bytes are Latin-1 (beyond it becomes '?', which validation flags); query
        // parameters are UTF-8.
        const QByteArray bytes =
            m_kind == Kind::Headers ? value.toString().toLatin1() : value.toString().toUtf8();
        (index.column() == Name ? row.name : row.value) =
            index.column() == Name ? bytes.trimmed() : bytes;
    } else {
        return false;
    }
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), 1));
    return true;
}

Qt::ItemFlags HeaderEditModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant HeaderEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (m_kind == Kind::QueryParameters)
        return section == Name ? tr("Parameter") : tr("Value");
    return section == Name ? tr("Header") : tr("Value");
}
