#pragma once

#include <cstdint>

namespace http {

class FdPoller;

/// libuv's `uv__io_t`: one descriptor's read/write interest, served by the thread's FdPoller.
/// StreamSocket and Listener, the only classes that touch descriptors, watch them through it.
class FdWatch {
public:
    enum Event : unsigned { Readable = 1, Writable = 2 };
    /// Called with the events that are ready among those wanted (spurious readiness is possible:
    /// the callee reads or writes until EAGAIN, as with any level-triggered poll).
    using Handler = void (*)(void *context, unsigned events);

    FdWatch() = default;
    ~FdWatch() { stop(); }
    FdWatch(const FdWatch &) = delete;
    FdWatch &operator=(const FdWatch &) = delete;

    /// Watches `fd` (for nothing until setRead/setWrite) in the calling thread's poller.
    void start(int fd, Handler handler, void *context);
    /// Forgets the descriptor; call before closing it or handing it over.
    void stop();
    void setRead(bool on) { want(on ? m_wanted | Readable : m_wanted & ~Readable); }
    void setWrite(bool on) { want(on ? m_wanted | Writable : m_wanted & ~Writable); }
    bool isWatching() const { return m_fd >= 0; }

private:
    friend class FdPoller;
    void want(unsigned events);

    int m_fd = -1;
    unsigned m_wanted = 0;
    Handler m_handler = nullptr;
    void *m_context = nullptr;
    FdPoller *m_poller = nullptr;
    std::uint32_t m_slot = 0;
};

} // namespace http
