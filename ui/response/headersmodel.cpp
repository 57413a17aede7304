#include "headersmodel.h"

#include <QFont>

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HeadersModel::setRaw(const QByteArrayList &raw)
{
    beginResetModel();
    m_raw = raw;
    if (m_raw.size() % 2)
        m_raw.append(QByteArray());
    endResetModel();
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_raw.size() / 2);
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QByteArray &text = m_raw[index.row() * 2 + index.column()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return QString::fromLatin1(text); // header bytes are Latin-1, as Node reads them
    case Qt::FontRole:
        if (index.column() == 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Name") : tr("Value");
}
