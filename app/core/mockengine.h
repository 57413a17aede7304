#pragma once

#include "httperror.h"
#include "mockfile.h"

#include <QList>
#include <QObject>

namespace http {
class IncomingMessage;
class Server;
class ServerResponse;
} // namespace http

namespace wb {

/// Runs the servers of a mock file. Each answers like a Node handler that reads the whole
/// request body, waits `delayMs`, then responds (DESIGN.md, "Mock files").
class MockEngine : public QObject {
    Q_OBJECT
public:
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

    /// The first route answering `method` and the path part of `url`, or null.
    static const MockRoute *match(const QList<MockRoute> &routes, QByteArrayView method,
                                  QByteArrayView url);
    /// The `echo` answer body: Node's JSON.stringify of the request's fields.
    static QByteArray echoJson(const http::IncomingMessage *req, const QByteArray &body);

Q_SIGNALS:
    void closed();

private:
    void handle(int serverIndex, http::IncomingMessage *req, http::ServerResponse *res);
    void respond(const MockRoute *route, http::IncomingMessage *req, http::ServerResponse *res,
                 const QByteArray &body);
    void serverClosed();

    QList<http::Server *> m_servers;
    QList<MockServerSpec> m_specs;
    int m_open = 0;
};

} // namespace wb
