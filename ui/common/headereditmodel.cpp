#include "headereditmodel.h"

#include "http.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

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

QList<wb::Request::Header> HeaderEditModel::rows() const
{
    QList<wb::Request::Header> out;
    for (const Row &row : m_rows)
        out.append({row.name, row.value, row.enabled});
    return out;
}

void HeaderEditModel::setRows(const QList<wb::Request::Header> &rows)
{
    beginResetModel();
    m_rows.clear();
    for (const wb::Request::Header &h : rows)
        m_rows.append({h.enabled, h.name, h.value});
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

QList<wb::RequestBody::Field> HeaderEditModel::fields() const
{
    QList<wb::RequestBody::Field> out;
    for (const Row &row : m_rows)
        out.append(
            {row.enabled, QString::fromUtf8(row.name), QString::fromUtf8(row.value), row.isFile});
    return out;
}

void HeaderEditModel::setFields(const QList<wb::RequestBody::Field> &fields)
{
    beginResetModel();
    m_rows.clear();
    for (const wb::RequestBody::Field &f : fields)
        m_rows.append({f.enabled, f.name.toUtf8(), f.value.toUtf8(), f.isFile});
    endResetModel();
}

void HeaderEditModel::setImplicit(const QList<Implicit> &rows)
{
    if (rows == m_implicit)
        return; // nothing to redraw (and no dataChanged to start another round)
    const int first = int(m_rows.size());
    const int had = int(m_implicit.size());
    const int now = int(rows.size());
    // Rows kept in place (only their text changes) so an editor open above stays open.
    if (now < had) {
        beginRemoveRows({}, first + now, first + had - 1);
        m_implicit.resize(now);
        endRemoveRows();
    }
    for (int i = 0; i < qMin(had, now); ++i)
        m_implicit[i] = rows[i];
    if (qMin(had, now) > 0)
        emit dataChanged(index(first, 0), index(first + qMin(had, now) - 1, columnCount() - 1));
    if (now > had) {
        beginInsertRows({}, first + had, first + now - 1);
        m_implicit.append(rows.mid(had));
        endInsertRows();
    }
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
    if (m_kind != Kind::Headers)
        return {};
    if (row.name.isEmpty())
        return row.value.isEmpty() ? QString() : tr("A header needs a name");
    if (http::HttpError e = http::validateHeaderName(row.name))
        return e.message();
    if (http::HttpError e = http::validateHeaderValue(row.name, row.value))
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
    return parent.isValid() ? 0 : int(m_rows.size() + m_implicit.size());
}

int HeaderEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_kind == Kind::FormFields ? 3 : 2);
}

QString HeaderEditModel::text(const QByteArray &bytes) const
{
    // Header bytes are Latin-1; everything else is UTF-8 text.
    return m_kind == Kind::Headers ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
}

QVariant HeaderEditModel::implicitData(const Implicit &row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return text(column == Name ? row.name : row.value);
    case Qt::ToolTipRole:
        return row.origin;
    case Qt::ForegroundRole:
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    case Qt::FontRole: {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    default:
        return {};
    }
}

QVariant HeaderEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.row() >= m_rows.size())
        return implicitData(m_implicit[index.row() - m_rows.size()], index.column(), role);
    const Row &row = m_rows[index.row()];
    if (index.column() == File)
        return role == Qt::CheckStateRole ? QVariant(row.isFile ? Qt::Checked : Qt::Unchecked)
               : role == Qt::ToolTipRole  ? tr("Checked: the value is a file's path, sent as it is")
                                          : QVariant();
    const QByteArray &bytes = index.column() == Name ? row.name : row.value;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return text(bytes);
    case Qt::CheckStateRole:
        return index.column() == Name ? QVariant(row.enabled ? Qt::Checked : Qt::Unchecked)
                                      : QVariant();
    case Qt::ToolTipRole:
    case ProblemRole:
        return problem(row);
    case Qt::ForegroundRole:
        if (!row.enabled)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return problem(row).isEmpty() ? QVariant() : QVariant(QBrush(QColor(0xe0, 0x40, 0x40)));
    default:
        return {};
    }
}

bool HeaderEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.row() >= m_rows.size())
        return false;
    Row &row = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == Name) {
        row.enabled = value.toInt() == Qt::Checked;
    } else if (role == Qt::CheckStateRole && index.column() == File) {
        row.isFile = value.toInt() == Qt::Checked;
    } else if (role == Qt::EditRole && index.column() != File) {
        // Header bytes are Latin-1 (beyond it becomes '?', which validation flags).
        const QByteArray bytes =
            m_kind == Kind::Headers ? value.toString().toLatin1() : value.toString().toUtf8();
        (index.column() == Name ? row.name : row.value) =
            index.column() == Name ? bytes.trimmed() : bytes;
    } else {
        return false;
    }
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), columnCount() - 1));
    return true;
}

Qt::ItemFlags HeaderEditModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.row() >= m_rows.size())
        return Qt::ItemIsEnabled; // the client's own: shown, never edited
    if (index.column() == File)
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant HeaderEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == File)
        return tr("File");
    switch (m_kind) {
    case Kind::Headers:
        return section == Name ? tr("Header") : tr("Value");
    case Kind::QueryParameters:
        return section == Name ? tr("Parameter") : tr("Value");
    case Kind::FormFields:
        return section == Name ? tr("Field") : tr("Value (or file path)");
    case Kind::Variables:
        return section == Name ? tr("Variable") : tr("Value");
    }
    return {};
}
