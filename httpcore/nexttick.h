#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

namespace http {

/// Node's `process.nextTick`: runs callbacks after the current event has been handled, in the
/// order they were queued, on the calling thread. One posted event carries a whole batch.
class NextTick : public QObject {
    Q_OBJECT
public:
    /// Queues `fn`; it is dropped if `context` is destroyed first.
    static void post(QObject *context, std::function<void()> fn);

private:
    NextTick() = default;
    void run();

    struct Task {
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    std::vector<Task> m_queue;
    std::vector<Task> m_running;
    bool m_posted = false;
};

} // namespace http
