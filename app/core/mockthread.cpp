#include "mockthread.h"

#include "mockengine.h"

namespace wb {

MockThread::MockThread()
{
    m_thread.setObjectName(QStringLiteral("mock servers"));
}

MockThread::~MockThread()
{
    // The engine and its sockets belong to the worker thread: deleted there, then it stops.
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

http::HttpError MockThread::start(const MockFile &file)
{
    if (!m_thread.isRunning())
        m_thread.start();
    if (!m_engine) {
        m_engine = new MockEngine;
        m_engine->moveToThread(&m_thread);
    }
    http::HttpError error;
    QMetaObject::invokeMethod(
        m_engine,
        [&] {
            error = m_engine->start(file);
            if (error && error.code() == "EADDRINUSE")
                error = m_engine->start(file, {}, 0);
            for (int i = 0; !error && i < m_engine->servers().size(); ++i)
                m_urls << m_engine->url(i);
        },
        Qt::BlockingQueuedConnection);
    return error;
}

QString MockThread::url(int index) const
{
    return m_urls.value(index);
}

} // namespace wb
