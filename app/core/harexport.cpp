#include "harexport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

namespace wb {

namespace {

QJsonArray headerList(const QJsonArray &pairs, bool flat)
{
    QJsonArray out;
    if (flat) { // rawHeaders: name, value, name, value…
        for (qsizetype i = 0; i + 1 < pairs.size(); i += 2)
            out.append(QJsonObject{{QStringLiteral("name"), pairs[i]},
                                   {QStringLiteral("value"), pairs[i + 1]}});
    } else { // [[name, value], …]
        for (const QJsonValue &p : pairs)
            out.append(
                QJsonObject{{QStringLiteral("name"), p[0]}, {QStringLiteral("value"), p[1]}});
    }
    return out;
}

qint64 headersSize(const QJsonArray &headers)
{
    qint64 size = 2; // the blank line
    for (const QJsonValue &h : headers)
        size += h[QStringLiteral("name")].toString().size() +
                h[QStringLiteral("value")].toString().size() + 4;
    return size;
}

double phase(const QJsonObject &timings, const char *from, const char *to)
{
    const QJsonValue a = timings.value(QLatin1String(from)), b = timings.value(QLatin1String(to));
    return a.isUndefined() || b.isUndefined() ? -1 : qMax(0.0, b.toDouble() - a.toDouble());
}

} // namespace

QJsonObject HarExport::toHar(const QList<QJsonObject> &historyEntries)
{
    QJsonArray entries;
    for (const QJsonObject &entry : historyEntries) {
        const QJsonObject req = entry.value(QStringLiteral("request")).toObject();
        const QJsonObject res = entry.value(QStringLiteral("response")).toObject();
        const QJsonObject timings = res.value(QStringLiteral("timings")).toObject();
        const QUrl url(req.value(QStringLiteral("url")).toString());

        QJsonArray query;
        for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            query.append(
                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
        const QJsonArray requestHeaders =
            headerList(req.value(QStringLiteral("headers")).toArray(), false);
        QJsonObject request{{QStringLiteral("method"), req.value(QStringLiteral("method"))},
                            {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                            {QStringLiteral("cookies"), QJsonArray()},
                            {QStringLiteral("headers"), requestHeaders},
                            {QStringLiteral("queryString"), query},
                            {QStringLiteral("headersSize"), headersSize(requestHeaders)},
                            {QStringLiteral("bodySize"),
                             req.value(QStringLiteral("body")).toString().toUtf8().size()}};
        const QString body = req.value(QStringLiteral("body")).toString();
        if (!body.isEmpty()) {
            QString type;
            for (const QJsonValue &h : requestHeaders)
                if (h[QStringLiteral("name")].toString().compare(QLatin1String("content-type"),
                                                                 Qt::CaseInsensitive) == 0)
                    type = h[QStringLiteral("value")].toString();
            request.insert(
                QStringLiteral("postData"),
                QJsonObject{{QStringLiteral("mimeType"), type}, {QStringLiteral("text"), body}});
        }

        const QJsonArray responseHeaders =
            headerList(res.value(QStringLiteral("rawHeaders")).toArray(), true);
        // History keeps the start of a body (bodySize is the whole); binary bodies in base64.
        const bool base64 = res.contains(QStringLiteral("bodyBase64"));
        const QString responseBody =
            res.value(base64 ? QStringLiteral("bodyBase64") : QStringLiteral("body")).toString();
        const qint64 keptSize = base64 ? QByteArray::fromBase64(responseBody.toLatin1()).size()
                                       : responseBody.toUtf8().size();
        const qint64 bodySize = res.value(QStringLiteral("bodySize")).toInteger(keptSize);
        const bool hasBody = base64 || res.contains(QStringLiteral("body"));
        QJsonObject content{{QStringLiteral("size"), bodySize},
                            {QStringLiteral("text"), responseBody}};
        if (base64)
            content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        if (keptSize < bodySize)
            content.insert(QStringLiteral("comment"),
                           QStringLiteral("the first %1 bytes (Wirebench history keeps the start "
                                          "of each body)")
                               .arg(keptSize));
        QString mime;
        for (const QJsonValue &h : responseHeaders)
            if (h[QStringLiteral("name")].toString().compare(QLatin1String("content-type"),
                                                             Qt::CaseInsensitive) == 0)
                mime = h[QStringLiteral("value")].toString();
        content.insert(QStringLiteral("mimeType"), mime);
        const QJsonObject response{
            {QStringLiteral("status"), res.value(QStringLiteral("statusCode")).toInt(0)},
            {QStringLiteral("statusText"), res.value(QStringLiteral("statusMessage")).toString()},
            {QStringLiteral("httpVersion"),
             QStringLiteral("HTTP/") +
                 res.value(QStringLiteral("httpVersion")).toString(QStringLiteral("1.1"))},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), responseHeaders},
            {QStringLiteral("content"), content},
            {QStringLiteral("redirectURL"), QString()},
            {QStringLiteral("headersSize"),
             res.contains(QStringLiteral("rawHeaders")) ? headersSize(responseHeaders) : -1},
            {QStringLiteral("bodySize"), hasBody ? bodySize : -1},
            {QStringLiteral("_error"), res.value(QStringLiteral("error"))}};

        // HAR phases from the client's marks: socket → connected → request sent → first byte → end.
        const double connect = phase(timings, "socket", "connected");
        const double send = phase(timings, "connected", "requestSent");
        const double wait = phase(timings, "requestSent", "firstByte");
        const double receive = phase(timings, "firstByte", "end");
        const QJsonObject harTimings{
            {QStringLiteral("blocked"), timings.value(QStringLiteral("socket")).toDouble(-1)},
            {QStringLiteral("dns"), -1},
            {QStringLiteral("connect"), connect},
            {QStringLiteral("send"), qMax(0.0, send)},
            {QStringLiteral("wait"), qMax(0.0, wait)},
            {QStringLiteral("receive"), qMax(0.0, receive)},
            {QStringLiteral("ssl"), -1}};
        entries.append(
            QJsonObject{{QStringLiteral("startedDateTime"), entry.value(QStringLiteral("time"))},
                        {QStringLiteral("time"), entry.value(QStringLiteral("ms")).toDouble()},
                        {QStringLiteral("request"), request},
                        {QStringLiteral("response"), response},
                        {QStringLiteral("cache"), QJsonObject()},
                        {QStringLiteral("timings"), harTimings}});
    }
    const QJsonObject creator{
        {QStringLiteral("name"), QStringLiteral("Wirebench")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion().isEmpty()
                                        ? QStringLiteral("0.1.0")
                                        : QCoreApplication::applicationVersion()}};
    return QJsonObject{
        {QStringLiteral("log"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                            {QStringLiteral("creator"), creator},
                                            {QStringLiteral("pages"), QJsonArray()},
                                            {QStringLiteral("entries"), entries}}}};
}

} // namespace wb
