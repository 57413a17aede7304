#pragma once

#include "mockengine.h"

#include <QJsonArray>
#include <QString>

namespace wb {

/// Turns proxied exchanges into routes of a mock file (`serve --record FILE`, the panel's record
/// button), written atomically after each one, so a real API can be replayed without it.
/// WireMock's record mode and Mockoon's "create route from log", simplified.
class MockRecorder {
public:
    /// Routes already in `fileName` (a mock file's first server) are kept, new ones appended.
    explicit MockRecorder(const QString &fileName);
    /// False (and why) when the file exists but is not a mock file, or cannot be written.
    bool isUsable(QString *error) const;
    /// Appends the route answering like `entry` did and rewrites the file.
    bool record(const MockEngine::LogEntry &entry, QString *error);
    /// The route for one proxied exchange: method, path, the query as match rules, status,
    /// headers as received (less those of one connection) and the body.
    static QJsonObject routeFor(const MockEngine::LogEntry &entry);

private:
    QString m_fileName;
    QJsonArray m_routes;
    QString m_problem;
};

} // namespace wb
