#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

/// A value a request must have ("match"): the text itself, or a regular expression written
/// "/…/" (searched anywhere; anchor it with ^ and $).
struct MockPattern {
    QString text;
    QRegularExpression regex; ///< set when the value was "/…/"
    bool isRegex = false;
    bool matches(const QString &value) const;
};

/// A route's extra conditions; all must hold.
struct MockMatch {
    QList<QPair<QString, MockPattern>> query;      ///< name → value of a query parameter
    QList<QPair<QByteArray, MockPattern>> headers; ///< lower-case name → Node's joined value
    bool hasBody = false;
    bool bodyIsJson = false;
    MockPattern bodyText; ///< the whole body
    QJsonObject bodyJson; ///< the request's JSON body holds these fields, with equal values
};

/// Instead of an answer, what a misbehaving server does (and what Node's client reports).
enum class MockFault {
    None,
    Reset,   ///< RST with nothing sent: ECONNRESET
    Empty,   ///< closed without a byte: "socket hang up" (ECONNRESET)
    Garbage, ///< bytes that are not HTTP, then closed: HPE_INVALID_CONSTANT
    Truncate ///< the head with the full Content-Length, half the body, closed: "aborted"
};

/// What a route answers with.
struct MockResponse {
    int status = 200;
    QByteArray statusMessage; ///< null: the standard phrase
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArrayList chunks;
    bool hasChunks = false;
    QList<QPair<QByteArray, QByteArray>> trailers;
    int delayMs = 0;
    bool echo = false;
    bool templated = false; ///< "template": body, chunks and header values are templates
    MockFault fault = MockFault::None;
    int dribbleMs = 0; ///< the whole response sent in small pieces over this long
};

/// One route of a mock server: what a Node handler would answer for a method and path.
struct MockRoute {
    bool enabled = true;
    QByteArray method = "GET"; ///< a token, or "*" for any
    QString path;              ///< `/users/:id`, `/static/*`
    MockMatch match;
    MockResponse response;         ///< the route's own response fields
    QList<MockResponse> responses; ///< "responses": answered in turn (or at random)
    bool random = false;
    QJsonObject source; ///< the route as written, for editing and saving
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
    bool cors = false;
    QString proxy; ///< "http://host:port": where requests no route matches go
    /// "tls": serves HTTPS with this certificate chain and key (read from the files named, as
    /// written: relative to the mock file).
    QString tlsCertFile;
    QString tlsKeyFile;
    QList<QSslCertificate> tlsCert;
    QSslKey tlsKey;
    QList<MockRoute> routes;
};

/// A mock file (JSON, see README "Mock files"): the same for the GUI and `wirebench serve`.
/// Errors name the file, the line and the field that is wrong.
class MockFile {
public:
    QString fileName;
    QList<MockServerSpec> servers;
    /// What loads but is likely a mistake (a route that can never match), each as
    /// "file:line: field: what".
    QStringList warnings;

    /// Reads and checks a file; on failure returns nullopt and sets `error`.
    static std::optional<MockFile> load(const QString &fileName, QString *error);
    /// Checks JSON text; `fileName` is only used in messages.
    static std::optional<MockFile> parse(const QByteArray &json, const QString &fileName,
                                         QString *error);
    /// The earlier route that answers every request route `index` would (enabled, the same
    /// method, "*" or GET for a HEAD, the same path, no "match"), so it can never match; -1: none.
    static int shadowingRoute(const QList<MockRoute> &routes, int index);
    /// The name used for a fault in files and logs ("reset"…; "" for none).
    static QString faultName(MockFault fault);
    /// One route from JSON text (the route editor): errors give the line in that text and the
    /// field, as for a file.
    static std::optional<MockRoute> parseRoute(const QByteArray &json, QString *error);
    /// A mock file's text for these servers, indented for people and git; routes as written.
    static QByteArray toJson(const QList<MockServerSpec> &servers);
    /// A route's JSON for people: fields in the order of the format (method, path, match,
    /// status… responses), a header per line, short values on one line.
    static QByteArray routeText(const QJsonObject &route, int indent = 0);
};

} // namespace wb
