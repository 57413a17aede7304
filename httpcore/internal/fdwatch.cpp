#include "fdwatch.h"

#include "fdpoller.h"

namespace http {

void FdWatch::start(int fd, Handler handler, void *context)
{
    stop();
    m_fd = fd;
    m_handler = handler;
    m_context = context;
    m_poller = FdPoller::acquire();
    m_slot = m_poller->add(this);
}

void FdWatch::stop()
{
    if (m_fd < 0)
        return;
    m_poller->remove(this);
    m_poller = nullptr;
    m_fd = -1;
    m_wanted = 0;
}

void FdWatch::want(unsigned events)
{
    if (events == m_wanted || m_fd < 0)
        return;
    const unsigned before = m_wanted;
    m_wanted = events;
    m_poller->update(this, before);
}

} // namespace http
