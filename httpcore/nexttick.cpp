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
    // The batch runs from a second vector, so tasks posted meanwhile wait for the next run; both
    // keep their capacity from run to run. A task that spins a nested event loop gets a fresh
    // vector for the batches run inside it.
    std::vector<Task> nested;
    std::vector<Task> &batch = m_running.empty() ? m_running : nested;
    batch.swap(m_queue);
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (batch[i].context)
            batch[i].fn();
    batch.clear();
}

} // namespace http
