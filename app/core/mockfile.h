#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace wb {

/// One route of a mock server: what a Node handler would answer for a method and path.
struct MockRoute {
    QByteArray method = "GET"; ///< a token, or "*" for any
    QString path;              ///< `/users/:id`, `/static/*`
    int status = 200;
    QByteArray statusMessage; ///< null: the standard phrase
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArrayList chunks;
    bool hasChunks = false;
    QList<QPair<QByteArray, QByteArray>> trailers;
    int delayMs = 0;
    bool echo = false;
};

/// One mock server: where it listens, its Node server options, its routes.
struct MockServerSpec {
    QString name;
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;
    int keepAliveTimeout = 5000;
    int headersTimeout = 60000;
    int requestTimeout = 300000;
    int maxHeaderSize = 16384;
    QList<MockRoute> routes;
};

/// A mock file (JSON, see DESIGN.md): the same for the GUI and `wirebench serve`.
/// Errors name the file, the line and the field that is wrong.
class MockFile {
public:
    QString fileName;
    QList<MockServerSpec> servers;

    /// Reads and checks a file; on failure returns nullopt and sets `error`.
    static std::optional<MockFile> load(const QString &fileName, QString *error);
    /// Checks JSON text; `fileName` is only used in messages.
    static std::optional<MockFile> parse(const QByteArray &json, const QString &fileName,
                                         QString *error);
};

} // namespace wb
