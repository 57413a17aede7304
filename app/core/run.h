#pragma once

#include "exchange.h"
#include "exchangerecord.h"
#include "request.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace http {
class Agent;
} // namespace http

namespace wb {

/// One press of Send: the request's exchange and the redirects it follows (each hop kept), as a
/// browser's navigation is. No Node equivalent: Node's client never follows a redirect.
class Run : public QObject {
    Q_OBJECT
public:
    /// The Agent for a hop's URL (null: Node's `agent: false`).
    using AgentFor = std::function<http::Agent *(const QUrl &url, bool keepAlive)>;

    /// Starts at once. `request` is the request as composed (kept for history), `prepared` what
    /// it became when sent.
    Run(const Request &request, const Request::Prepared &prepared, AgentFor agentFor,
        QObject *parent = nullptr);
    ~Run() override;

    const Request &request() const { return m_request; }
    /// The hop running or last run.
    const Request::Prepared &prepared() const { return m_prepared; }
    Exchange *exchange() const { return m_exchange; }
    bool isDone() const { return m_done; }
    /// The run as the response view shows it: the last hop, with the hops before it.
    ExchangeRecord record() const;
    /// Node's `req.destroy()` on the hop running; done() follows.
    void cancel();
    /// Lets go: a run still going is cancelled; the object deletes itself once done.
    void discard();
    /// The next hop when `x` answered with a redirect to follow, else nothing.
    static std::optional<Request::Prepared> redirectFrom(const Exchange &x,
                                                         const Request::Prepared &request);

Q_SIGNALS:
    /// Something new arrived (an event, bytes).
    void updated();
    /// The last hop is over: answered, failed or cancelled.
    void done();

private:
    void start();
    void hopDone();

    Request m_request;
    Request::Prepared m_prepared;
    AgentFor m_agentFor;
    QPointer<Exchange> m_exchange;
    QStringList m_hops;                   // "302 http://…/old" for each redirect followed
    QList<Exchange::WireChunk> m_hopWire; // the bytes of the hops before this one
    bool m_done = false;
    bool m_discarded = false;
};

} // namespace wb
