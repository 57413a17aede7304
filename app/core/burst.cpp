#include "burst.h"

#include "agent.h"
#include "exchange.h"

#include <QSet>

#include <algorithm>

namespace wb {

Burst::Burst(http::Agent *agent, QObject *parent)
    : QObject(parent)
    , m_agent(agent)
{
}

Burst::~Burst()
{
    stop();
}

void Burst::start(const Request::Prepared &request, int count, int concurrency)
{
    stop();
    m_request = request;
    if (m_request.timeoutMs <= 0)
        m_request.timeoutMs = kDefaultTimeoutMs;
    m_count = std::max(0, count);
    m_started = m_finished = m_failed = m_dropped = 0;
    m_stopped = false;
    for (int i = 0; i < std::max(1, concurrency) && m_started < m_count; ++i)
        fireNext();
    emit progress();
    if (m_count == 0)
        emit done();
}

void Burst::fireNext()
{
    ++m_started;
    auto *x = new Exchange(m_request, m_agent, Exchange::Detail::Outcome, this);
    m_running.push_back(x);
    connect(x, &Exchange::done, this, [this, x] {
        m_running.erase(std::remove(m_running.begin(), m_running.end(), x), m_running.end());
        x->deleteLater();
        ++m_finished;
        if (x->error() || !x->complete())
            ++m_failed;
        if (!m_stopped && m_started < m_count)
            fireNext();
        emit progress();
        if (m_running.empty())
            emit done();
    });
}

void Burst::stop()
{
    if (m_running.empty())
        return;
    m_stopped = true;
    QSet<const http::ClientRequest *> queued;
    for (const QList<http::ClientRequest *> &list : m_agent->requests())
        for (const http::ClientRequest *r : list)
            queued.insert(r);
    const std::vector<Exchange *> running = m_running;
    for (Exchange *x : running) {
        if (queued.contains(x->request())) {
            // Still in the Agent's queue: deleting it takes it out, so no socket is made for it.
            m_running.erase(std::remove(m_running.begin(), m_running.end(), x), m_running.end());
            ++m_dropped;
            delete x;
        }
    }
    for (Exchange *x : std::vector<Exchange *>(m_running))
        x->cancel();
    emit progress();
    if (m_running.empty())
        emit done();
}

} // namespace wb
