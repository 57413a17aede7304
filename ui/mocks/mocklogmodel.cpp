#include "mocklogmodel.h"

#include "mockhost.h"

#include <QBrush>

MockLogModel::MockLogModel(const wb::MockHost *host, QObject *parent)
    : QAbstractTableModel(parent)
    , m_host(host)
{
}

void MockLogModel::append(const QList<wb::MockEngine::LogEntry> &batch)
{
    if (batch.isEmpty())
        return;
    // Room for the whole ring at once: growing it would copy every row, more often as it fills.
    if (m_ring.capacity() < size_t(m_capacity))
        m_ring.reserve(size_t(m_capacity));
    const qsizetype room = qMax<qsizetype>(0, m_capacity - qsizetype(m_ring.size()));
    const qsizetype inserted = qMin(room, batch.size());
    if (inserted > 0) {
        beginInsertRows({}, int(m_ring.size()), int(m_ring.size() + inserted - 1));
        m_ring.insert(m_ring.end(), batch.cbegin(), batch.cbegin() + inserted);
        endInsertRows();
    }
    // Full: each new row takes the oldest one's place; the rows keep their number and their
    // contents move up. Views repaint what they show; removing rows at the top would make
    // every view and filter remap all its rows, each batch.
    if (inserted < batch.size()) {
        for (qsizetype i = inserted; i < batch.size(); ++i) {
            m_ring[size_t(m_head)] = batch[i];
            m_head = (m_head + 1) % qsizetype(m_ring.size());
        }
        m_dropped += batch.size() - inserted;
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT countsChanged();
}

const wb::MockEngine::LogEntry &MockLogModel::entry(int row) const
{
    return m_ring[size_t((m_head + row) % qsizetype(m_ring.size()))];
}

QList<wb::MockEngine::LogEntry> MockLogModel::entries() const
{
    QList<wb::MockEngine::LogEntry> out;
    out.reserve(qsizetype(m_ring.size()));
    for (int row = 0; row < rowCount(); ++row)
        out.append(entry(row));
    return out;
}

void MockLogModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_head = 0;
    m_dropped = 0;
    endResetModel();
    Q_EMIT countsChanged();
}

void MockLogModel::setCapacity(qsizetype rows)
{
    rows = qMax<qsizetype>(1, rows);
    // Rare: the ring is laid out again, oldest first, keeping the newest that fit.
    QList<wb::MockEngine::LogEntry> kept = entries();
    const qsizetype over = qMax<qsizetype>(0, kept.size() - rows);
    beginResetModel();
    m_capacity = rows;
    m_ring.assign(kept.cbegin() + over, kept.cend());
    m_ring.shrink_to_fit();
    m_head = 0;
    m_dropped += over;
    endResetModel();
    Q_EMIT countsChanged();
}

int MockLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ring.size());
}

int MockLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MockLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wb::MockEngine::LogEntry &e = entry(index.row());
    switch (role) {
    case StatusClassRole:
        return e.status / 100;
    case RouteRole:
        return e.route;
    case ProxiedRole:
        return e.proxied;
    case Qt::TextAlignmentRole:
        if (index.column() == Ms || index.column() == BytesIn || index.column() == BytesOut)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Fault && e.fault != wb::MockFault::None)
            return QBrush(QColor(0xd0, 0x40, 0x40)); // a fault is a failure, whatever was sent
        if (index.column() == Status) {
            // 2xx green, 3xx blue, 4xx orange, 5xx and no answer red.
            static const QColor colours[] = {QColor(0xd0, 0x40, 0x40), {},
                                             QColor(0x2a, 0x9d, 0x5a), QColor(0x3a, 0x7b, 0xd5),
                                             QColor(0xd9, 0x80, 0x1a), QColor(0xd0, 0x40, 0x40)};
            const int c = e.status / 100;
            if (c == 1 || c > 5)
                return {};
            return QBrush(colours[c]);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Url)
            return QString::fromLatin1(e.url);
        if (index.column() == Route && e.route >= 0)
            return tr("Route %1 when the request came (%2)").arg(e.route + 1).arg(e.routePath);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Time:
        return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case Server: {
        const wb::MockHost::Server *s = m_host ? m_host->server(e.server) : nullptr;
        return s ? s->spec.name : QString::number(e.server);
    }
    case Method:
        return QString::fromLatin1(e.method);
    case Url:
        return QString::fromLatin1(e.url);
    case Route:
        return e.proxied      ? tr("proxied")
               : e.route >= 0 ? tr("#%1 %2").arg(e.route + 1).arg(e.routePath)
                              : tr("no route");
    case Status:
        return e.status ? QString::number(e.status) : tr("—");
    case Ms:
        return QString::number(e.ms, 'f', e.ms < 10 ? 2 : 0);
    case BytesIn:
        return e.bytesIn;
    case BytesOut:
        return e.bytesOut;
    case Fault:
        return wb::MockFile::faultName(e.fault);
    default:
        return {};
    }
}

QVariant MockLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {
        QT_TR_NOOP("Time"),  QT_TR_NOOP("Server"), QT_TR_NOOP("Method"), QT_TR_NOOP("URL"),
        QT_TR_NOOP("Route"), QT_TR_NOOP("Status"), QT_TR_NOOP("ms"),     QT_TR_NOOP("In"),
        QT_TR_NOOP("Out"),   QT_TR_NOOP("Fault")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}
