#include "headercompletiondelegate.h"

#include "headereditmodel.h"

#include <QCompleter>
#include <QLineEdit>

HeaderCompletionDelegate::HeaderCompletionDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

const QStringList &HeaderCompletionDelegate::names()
{
    static const QStringList list{
        QStringLiteral("Accept"),
        QStringLiteral("Accept-Charset"),
        QStringLiteral("Accept-Encoding"),
        QStringLiteral("Accept-Language"),
        QStringLiteral("Authorization"),
        QStringLiteral("Cache-Control"),
        QStringLiteral("Connection"),
        QStringLiteral("Content-Disposition"),
        QStringLiteral("Content-Encoding"),
        QStringLiteral("Content-Length"),
        QStringLiteral("Content-Type"),
        QStringLiteral("Cookie"),
        QStringLiteral("Expect"),
        QStringLiteral("Forwarded"),
        QStringLiteral("From"),
        QStringLiteral("Host"),
        QStringLiteral("If-Match"),
        QStringLiteral("If-Modified-Since"),
        QStringLiteral("If-None-Match"),
        QStringLiteral("If-Range"),
        QStringLiteral("If-Unmodified-Since"),
        QStringLiteral("Origin"),
        QStringLiteral("Pragma"),
        QStringLiteral("Prefer"),
        QStringLiteral("Proxy-Authorization"),
        QStringLiteral("Range"),
        QStringLiteral("Referer"),
        QStringLiteral("TE"),
        QStringLiteral("Trailer"),
        QStringLiteral("Transfer-Encoding"),
        QStringLiteral("Upgrade"),
        QStringLiteral("User-Agent"),
        QStringLiteral("Via"),
        QStringLiteral("X-Forwarded-For"),
        QStringLiteral("X-Forwarded-Host"),
        QStringLiteral("X-Forwarded-Proto"),
        QStringLiteral("X-Request-Id"),
        QStringLiteral("X-Requested-With"),
    };
    return list;
}

QStringList HeaderCompletionDelegate::values(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("content-type") || n == QLatin1String("accept"))
        return {QStringLiteral("application/json"),
                QStringLiteral("application/xml"),
                QStringLiteral("application/x-www-form-urlencoded"),
                QStringLiteral("multipart/form-data"),
                QStringLiteral("text/plain"),
                QStringLiteral("text/html"),
                QStringLiteral("application/octet-stream"),
                QStringLiteral("*/*")};
    if (n == QLatin1String("accept-encoding") || n == QLatin1String("content-encoding"))
        return {QStringLiteral("gzip"), QStringLiteral("deflate"), QStringLiteral("br"),
                QStringLiteral("identity")};
    if (n == QLatin1String("cache-control") || n == QLatin1String("pragma"))
        return {QStringLiteral("no-cache"), QStringLiteral("no-store"),
                QStringLiteral("max-age=0")};
    if (n == QLatin1String("connection"))
        return {QStringLiteral("keep-alive"), QStringLiteral("close"), QStringLiteral("upgrade")};
    if (n == QLatin1String("expect"))
        return {QStringLiteral("100-continue")};
    if (n == QLatin1String("transfer-encoding") || n == QLatin1String("te"))
        return {QStringLiteral("chunked"), QStringLiteral("trailers")};
    if (n == QLatin1String("authorization"))
        return {QStringLiteral("Bearer "), QStringLiteral("Basic ")};
    return {};
}

QWidget *HeaderCompletionDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line)
        return editor;
    const QStringList offered =
        index.column() == HeaderEditModel::Name
            ? names()
            : values(index.siblingAtColumn(HeaderEditModel::Name).data().toString());
    if (!offered.isEmpty()) {
        auto *completer = new QCompleter(offered, line);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchStartsWith);
        line->setCompleter(completer);
    }
    return line;
}
