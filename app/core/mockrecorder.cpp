#include "mockrecorder.h"

#include "http.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>
#include <QUrlQuery>

namespace wb {

MockRecorder::MockRecorder(const QString &fileName)
    : m_fileName(fileName)
{
    QFile file(fileName);
    if (!file.exists())
        return;
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = QStringLiteral("%1: cannot read: %2").arg(fileName, file.errorString());
        return;
    }
    const QByteArray text = file.readAll();
    if (text.trimmed().isEmpty())
        return;
    if (!MockFile::parse(text, fileName, &error)) {
        m_problem = QStringLiteral("not overwritten: %1").arg(error);
        return;
    }
    m_routes = QJsonDocument::fromJson(text)
                   .object()
                   .value(QStringLiteral("servers"))
                   .toArray()
                   .at(0)
                   .toObject()
                   .value(QStringLiteral("routes"))
                   .toArray();
}

bool MockRecorder::isUsable(QString *error) const
{
    *error = m_problem;
    return m_problem.isEmpty();
}

QJsonObject MockRecorder::routeFor(const MockEngine::LogEntry &entry)
{
    const qsizetype q = entry.url.indexOf('?');
    QJsonObject route{
        {QStringLiteral("method"), QString::fromLatin1(entry.method)},
        {QStringLiteral("path"), QString::fromLatin1(q < 0 ? entry.url : entry.url.left(q))},
        {QStringLiteral("status"), entry.status}};
    if (q >= 0) {
        QJsonObject query;
        for (const auto &[name, value] :
             QUrlQuery(QString::fromUtf8(entry.url.mid(q + 1))).queryItems(QUrl::FullyDecoded))
            query.insert(name, value);
        route.insert(QStringLiteral("match"), QJsonObject{{QStringLiteral("query"), query}});
    }
    if (entry.responseStatusMessage != http::STATUS_CODES().value(entry.status))
        route.insert(QStringLiteral("statusMessage"),
                     QString::fromLatin1(entry.responseStatusMessage));
    QJsonArray headers;
    const QByteArrayList &raw = entry.responseHeaders;
    static const QByteArrayList dropped{"connection", "keep-alive", "transfer-encoding",
                                        "content-length", "date"};
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
        if (!dropped.contains(raw[i].toLower()))
            headers.append(
                QJsonArray{QString::fromLatin1(raw[i]), QString::fromLatin1(raw[i + 1])});
    if (!headers.isEmpty())
        route.insert(QStringLiteral("headers"), headers);
    // Text only: a mock file holds strings. A body that is not UTF-8 is kept as Latin-1 text,
    // which gives back the same bytes only for Latin-1.
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString body = utf8.decode(entry.responseBody);
    route.insert(QStringLiteral("body"),
                 utf8.hasError() ? QString::fromLatin1(entry.responseBody) : body);
    return route;
}

bool MockRecorder::record(const MockEngine::LogEntry &entry, QString *error)
{
    if (!isUsable(error))
        return false;
    m_routes.append(routeFor(entry));
    const QJsonObject file{
        {QStringLiteral("servers"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("recorded")},
                                {QStringLiteral("routes"), m_routes}}}}};
    QSaveFile out(m_fileName);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QJsonDocument(file).toJson(QJsonDocument::Indented)) < 0 || !out.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(m_fileName, out.errorString());
        return false;
    }
    return true;
}

} // namespace wb
