#pragma once

#include "request.h"
#include "workspace.h"

#include <QObject>

#include <memory>

namespace http {
class Agent;
} // namespace http

namespace wb {

class Run;

/// The workbench's client side: the workspace, one keep-alive Agent per protocol shared by every
/// request sent (as a browser shares its pool), the runs going on and history. No Node
/// equivalent; the Agents are Node's.
class Session : public QObject {
    Q_OBJECT
public:
    /// History keeps this much of each response body and of its wire bytes.
    static constexpr qsizetype kHistoryKeptBytes = 32 * 1024;

    /// Opens (and loads) the workspace at `workspacePath`.
    explicit Session(const QString &workspacePath, QObject *parent = nullptr);
    ~Session() override;

    Workspace *workspace() const { return m_workspace.get(); }
    /// The shared Agent for "http:" or "https:".
    http::Agent *agent(const QString &protocol) const;
    /// The Agent a request to `url` goes through: the shared one, or null (`agent: false`).
    http::Agent *agentFor(const QUrl &url, bool keepAlive) const;
    /// Sends `prepared` (from `request.prepare()`); the run joins history when it is done. The
    /// caller discards the run when it no longer shows it.
    Run *send(const Request &request, const Request::Prepared &prepared);

Q_SIGNALS:
    /// An exchange joined history.
    void historyChanged();
    /// Something went wrong that the user should read (a file that cannot be written).
    void problem(const QString &message);

private:
    void record(const Run &run);

    std::unique_ptr<Workspace> m_workspace;
    http::Agent *m_http;
    http::Agent *m_https;
};

} // namespace wb
