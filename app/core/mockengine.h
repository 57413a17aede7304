#pragma once

#include "httperror.h"
#include "mockfile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <memory>

namespace http {
class Agent;
class IncomingMessage;
class Server;
class ServerResponse;
} // namespace http

namespace wb {

class MockRequest;

/// Runs the servers of a mock file. Each answers like a Node handler that reads the whole
/// request body, finds the first enabled route whose method, path and match rules hold, waits
/// `delayMs`, then responds (or misbehaves as its fault says); with `proxy`, what no route
/// matches is forwarded (README, "Mock files").
class MockEngine : public QObject {
    Q_OBJECT
public:
    /// One request served, as `serve --log` prints it and the panel lists it.
    struct LogEntry {
        QDateTime time;
        int server = 0;
        QByteArray method;
        QByteArray url;
        int status = 0;    ///< 0: no answer (a fault, or the client went away)
        int route = -1;    ///< the route's index; -1: none
        QString routePath; ///< its path then (the index moves when routes are edited)
        bool proxied = false;
        double ms = 0;
        qint64 bytesIn = 0;  ///< the head and body as received (chunk framing not counted)
        qint64 bytesOut = 0; ///< the head and body as sent
        MockFault fault = MockFault::None;
        QByteArrayList requestHeaders;    ///< raw, as received
        QByteArray requestBody;           ///< up to the body limit
        QByteArray responseHead;          ///< the head exactly as sent (empty: none was)
        QByteArray responseBody;          ///< as sent (proxied: as relayed), up to the body limit
        QByteArray responseStatusMessage; ///< proxied: the upstream's answer, as received
        QByteArrayList responseHeaders;
        /// `serve --log`'s line (JSON, keys in the order above, no newline).
        QByteArray toJsonLine(const QString &serverName) const;
        /// As a history entry (what HarExport reads), the URL on `baseUrl` ("http://h:p").
        QJsonObject toHistoryEntry(const QString &baseUrl) const;
    };

    explicit MockEngine(QObject *parent = nullptr);
    ~MockEngine() override;

    /// Starts every server of `file`; `host`/`port` (when set) override the first server's.
    /// On failure, servers already started are closed and the error names the server.
    http::HttpError start(const MockFile &file, const QString &hostOverride = {},
                          int portOverride = -1);
    /// Stops accepting; in-flight responses finish; closed() follows when all are done.
    void close();
    const QList<http::Server *> &servers() const { return m_servers; }
    const QList<MockServerSpec> &specs() const { return m_specs; }
    /// `http://HOST:PORT` of server `index` as it really listens.
    QString url(int index) const;
    /// Replaces the routes of server `index`: its next request is matched against them.
    void setRoutes(int index, const QList<MockRoute> &routes);
    /// requestLogged() is emitted only when on (it costs a copy of each request).
    void setLogging(bool on) { m_logging = on; }
    /// Log entries keep at most this much of each body (-1: all, as `--record` needs).
    void setLogBodyLimit(qsizetype bytes) { m_bodyLimit = bytes; }

    /// The index of the first enabled route answering `request` (its `:name` segments go to
    /// request.params), or -1.
    static int match(const QList<MockRoute> &routes, MockRequest &request);
    /// The `echo` answer body: Node's JSON.stringify of the request's fields.
    static QByteArray echoJson(const http::IncomingMessage *req, const QByteArray &body);

Q_SIGNALS:
    void closed();
    /// A request was answered (or failed as its route says).
    void requestLogged(const wb::MockEngine::LogEntry &entry);

private:
    struct Served;
    void handle(int serverIndex, http::IncomingMessage *req, http::ServerResponse *res);
    void dispatch(const std::shared_ptr<Served> &x);
    void respond(const std::shared_ptr<Served> &x, const MockResponse &response);
    void misbehave(const std::shared_ptr<Served> &x, const MockResponse &response,
                   const QByteArray &body);
    void dribble(const std::shared_ptr<Served> &x, const QByteArray &bytes, int overMs);
    void proxy(const std::shared_ptr<Served> &x);
    bool answerPreflight(const std::shared_ptr<Served> &x);
    void finishLog(const std::shared_ptr<Served> &x);
    void keepBody(const std::shared_ptr<Served> &x, const QByteArray &bytes);
    void serverClosed();

    QList<http::Server *> m_servers;
    QList<MockServerSpec> m_specs;
    QList<QList<qint64>> m_hits; // per server, per route
    http::Agent *m_proxyAgent = nullptr;
    int m_open = 0;
    bool m_logging = false;
    qsizetype m_bodyLimit = -1;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::MockEngine::LogEntry)
Q_DECLARE_METATYPE(QList<wb::MockEngine::LogEntry>)
