#pragma once

#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace http {

class FdWatch;

/// libuv's `uv__io_poll` for one thread: every watched descriptor sits in one epoll set, and Qt's
/// event loop sees only that set's descriptor, so a loop turn costs what is active, not what is
/// open (Qt's own notifiers make the dispatcher poll every one of them on every turn). Where
/// epoll is missing, or with WIREBENCH_POLLER=qt, each descriptor gets Qt notifiers instead.
/// One poller per thread, alive while it has watches.
class FdPoller : public QObject {
public:
    /// The calling thread's poller, created on first use; pair each call with a remove().
    static FdPoller *acquire();
    /// "epoll" or "qt": what this process uses.
    static const char *backend();

    std::uint32_t add(FdWatch *watch);
    void remove(FdWatch *watch);
    /// The watch's wanted events changed from `before`.
    void update(FdWatch *watch, unsigned before);

private:
    FdPoller();
    ~FdPoller() override;

    struct Slot {
        FdWatch *watch = nullptr;
        std::uint32_t generation = 0; ///< bumped on reuse, so stale events are dropped
        std::unique_ptr<QSocketNotifier> read, write; ///< the Qt fallback's notifiers
    };
    void dispatchEpoll();
    void deliver(std::uint32_t slot, std::uint32_t generation, unsigned events);

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr; ///< on the epoll descriptor
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_free;
    std::size_t m_count = 0;
};

} // namespace http
