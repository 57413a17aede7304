#include "burst.h"

#include "exchange.h"

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
    m_started = m_finished = m_failed = 0;
    for (int i = 0; i < std::max(1, concurrency) && m_started < m_count; ++i)
        fireNext();
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
        emit progress(m_finished, m_failed);
        if (m_started < m_count)
            fireNext();
        else if (m_running.empty())
            emit done();
    });
}

void Burst::stop()
{
    if (m_running.empty())
        return;
    m_count = m_started; // fire no more
    const std::vector<Exchange *> running = m_running;
    for (Exchange *x : running)
        x->cancel();
}

} // namespace wb
