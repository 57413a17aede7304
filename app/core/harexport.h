#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace wb {

/// HAR 1.2 (the HTTP Archive format browsers and Postman read) from Wirebench's history entries,
/// the request as sent and the response as received (raw header lines, body, timings).
class HarExport {
public:
    static QJsonObject toHar(const QList<QJsonObject> &historyEntries);
};

} // namespace wb
