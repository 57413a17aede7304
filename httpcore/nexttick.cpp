#include "nexttick.h"

#include <memory>

namespace http {

void NextTick::post(QObject *context, std::function<void()> fn)
{
    static thread_local std::unique_ptr<NextTick> self(new NextTick); // one per thread
    self->m_queue.push_back({context, std::move(fn)});
    if (!self->m_posted) {
        self->m_posted = true;
        QMetaObject::invokeMethod(self.get(), &NextTick::run, Qt::QueuedConnection);
    }
}

void NextTick::run()
{
    m_posted = false;
    std::vector<Task> batch;
    batch.swap(m_queue);
    for (Task &task : batch)
        if (task.context)
            task.fn();
}

} // namespace http
