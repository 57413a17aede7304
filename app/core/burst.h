#pragma once

#include "request.h"

#include <QObject>

#include <vector>

namespace http {
class Agent;
} // namespace http

namespace wb {

class Exchange;

/// "Fire N requests": one request sent `count` times through an Agent, at most `concurrency`
/// at once (the rest are started as earlier ones end), so that the Agent's queueing, reuse and
/// eviction show. Each request ends within its timeout (30 s unless the request sets one).
class Burst : public QObject {
    Q_OBJECT
public:
    explicit Burst(http::Agent *agent, QObject *parent = nullptr);
    ~Burst() override;

    static constexpr int kDefaultTimeoutMs = 30000;

    /// Starts a run (stopping one that is going).
    void start(const Request::Prepared &request, int count, int concurrency);
    /// Fires no more: requests still waiting for a socket are dropped (they leave the Agent's
    /// queue, so no socket is made for them), those on a socket are cancelled (`req.destroy()`).
    void stop();
    bool isRunning() const { return !m_running.empty(); }
    bool wasStopped() const { return m_stopped; }
    int count() const { return m_count; }
    int started() const { return m_started; }
    int running() const { return int(m_running.size()); }
    /// Ended with a complete response, or not (an error, or cancelled by stop()).
    int finished() const { return m_finished; }
    int failed() const { return m_failed; }
    /// Dropped by stop() before they had a socket.
    int dropped() const { return m_dropped; }

Q_SIGNALS:
    void progress();
    /// Every request has ended (or the run was stopped and its last one ended).
    void done();

private:
    void fireNext();

    http::Agent *m_agent;
    Request::Prepared m_request;
    std::vector<Exchange *> m_running;
    int m_count = 0, m_started = 0, m_finished = 0, m_failed = 0, m_dropped = 0;
    bool m_stopped = false;
};

} // namespace wb
