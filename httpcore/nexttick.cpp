#include "nexttick.h"

void NextTick::post(QObject *context, std::function<void()> fn)
{
    static thread_local NextTick *self = new NextTick; // one per thread, lives as long as it
    self->m_queue.push_back({context, std::move(fn)});
    if (!self->m_posted) {
        self->m_posted = true;
        QMetaObject::invokeMethod(self, &NextTick::run, Qt::QueuedConnection);
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
