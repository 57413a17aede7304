#include "fdpoller.h"

#include "fdwatch.h"

#include <QSocketNotifier>

#include <cstdlib>
#include <cstring>
#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/epoll.h>
#include <unistd.h>
#endif

namespace http {

namespace {
thread_local FdPoller *t_poller = nullptr;

bool useEpoll()
{
#ifdef Q_OS_LINUX
    static const bool epoll = qgetenv("WIREBENCH_POLLER") != "qt";
    return epoll;
#else
    return false;
#endif
}
} // namespace

FdPoller *FdPoller::acquire()
{
    if (!t_poller)
        t_poller = new FdPoller;
    return t_poller;
}

const char *FdPoller::backend()
{
    return useEpoll() ? "epoll" : "qt";
}

FdPoller::FdPoller()
{
#ifdef Q_OS_LINUX
    if (useEpoll())
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0) {
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &FdPoller::dispatchEpoll);
    }
#endif
}

FdPoller::~FdPoller()
{
    delete m_notifier;
#ifdef Q_OS_LINUX
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

std::uint32_t FdPoller::add(FdWatch *watch)
{
    std::uint32_t index;
    if (!m_free.empty()) {
        index = m_free.back();
        m_free.pop_back();
    } else {
        index = std::uint32_t(m_slots.size());
        m_slots.emplace_back();
    }
    m_slots[index].watch = watch;
    ++m_count;
    return index;
}

void FdPoller::remove(FdWatch *watch)
{
    Slot &slot = m_slots[watch->m_slot];
    if (watch->m_wanted != 0) {
        const unsigned wanted = watch->m_wanted;
        watch->m_wanted = 0;
        update(watch, wanted);
    }
    slot.read.reset();
    slot.write.reset();
    slot.watch = nullptr;
    ++slot.generation;
    m_free.push_back(watch->m_slot);
    if (--m_count == 0 && t_poller == this) {
        // Possibly inside this poller's own dispatch: go when control is back in the loop.
        t_poller = nullptr;
        deleteLater();
    }
}

void FdPoller::update(FdWatch *watch, unsigned before)
{
    const unsigned wanted = watch->m_wanted;
    Slot &slot = m_slots[watch->m_slot];
#ifdef Q_OS_LINUX
    if (m_epoll >= 0) {
        // Out of the set while nothing is wanted: a hung-up descriptor would otherwise report
        // EPOLLHUP on every turn even with no events asked for.
        epoll_event event = {};
        event.events = ((wanted & FdWatch::Readable) ? EPOLLIN : 0u) |
                       ((wanted & FdWatch::Writable) ? EPOLLOUT : 0u);
        event.data.u64 = (std::uint64_t(slot.generation) << 32) | watch->m_slot;
        const int op = wanted == 0 ? EPOLL_CTL_DEL : before == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if (::epoll_ctl(m_epoll, op, watch->m_fd, &event) != 0)
            qWarning("epoll_ctl(%d) on descriptor %d: %s", op, watch->m_fd, std::strerror(errno));
        return;
    }
#endif
    Q_UNUSED(before)
    const auto set = [&](std::unique_ptr<QSocketNotifier> &notifier, QSocketNotifier::Type type,
                         unsigned event) {
        const bool on = wanted & event;
        if (!notifier && on) {
            notifier = std::make_unique<QSocketNotifier>(watch->m_fd, type);
            connect(notifier.get(), &QSocketNotifier::activated, this,
                    [this, index = watch->m_slot, generation = slot.generation, event] {
                        deliver(index, generation, event);
                    });
        } else if (notifier) {
            notifier->setEnabled(on);
        }
    };
    set(slot.read, QSocketNotifier::Read, FdWatch::Readable);
    set(slot.write, QSocketNotifier::Write, FdWatch::Writable);
}

void FdPoller::dispatchEpoll()
{
#ifdef Q_OS_LINUX
    // A turn takes up to this many; the rest stay ready for the next one (level-triggered).
    epoll_event events[256];
    const int n = ::epoll_wait(m_epoll, events, 256, 0);
    for (int i = 0; i < n; ++i) {
        const std::uint32_t got = events[i].events;
        const bool failed = got & (EPOLLERR | EPOLLHUP); // wakes readers and writers alike
        const unsigned ready = ((got & EPOLLIN) || failed ? FdWatch::Readable : 0u) |
                               ((got & EPOLLOUT) || failed ? FdWatch::Writable : 0u);
        deliver(std::uint32_t(events[i].data.u64), std::uint32_t(events[i].data.u64 >> 32), ready);
    }
#endif
}

void FdPoller::deliver(std::uint32_t index, std::uint32_t generation, unsigned events)
{
    // An earlier handler in the same turn may have removed the watch, reused its slot, or
    // turned off the event.
    if (index >= m_slots.size() || m_slots[index].generation != generation)
        return;
    FdWatch *watch = m_slots[index].watch;
    if (!watch)
        return;
    events &= watch->m_wanted;
    if (events)
        watch->m_handler(watch->m_context, events);
}

} // namespace http
