#include "mockhost.h"

#include "server.h"

#include <QTimer>

#include <memory>

namespace wb {

namespace {

// Collects log entries in the worker thread and hands them over in batches.
struct Batcher {
    QList<MockEngine::LogEntry> pending;
    QTimer timer;
};

} // namespace

MockHost::MockHost(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    qRegisterMetaType<QList<wb::MockEngine::LogEntry>>();
    m_thread.setObjectName(QStringLiteral("mock servers"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

MockHost::~MockHost()
{
    // Engines and their sockets belong to the worker thread: deleted there, then it stops.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QList<int> MockHost::add(const MockFile &file)
{
    QList<int> ids;
    for (const MockServerSpec &spec : file.servers) {
        Server s;
        s.id = m_nextId++;
        s.file = file.fileName;
        s.spec = spec;
        m_servers.append(s);
        ids.append(s.id);
    }
    return ids;
}

MockHost::Server *MockHost::find(int id)
{
    for (Server &s : m_servers)
        if (s.id == id)
            return &s;
    return nullptr;
}

const MockHost::Server *MockHost::server(int id) const
{
    return const_cast<MockHost *>(this)->find(id);
}

void MockHost::remove(int id)
{
    stop(id);
    m_servers.removeIf([id](const Server &s) { return s.id == id; });
}

http::HttpError MockHost::start(int id, bool anyPortIfTaken)
{
    Server *s = find(id);
    if (!s)
        return http::HttpError("EINVAL", QStringLiteral("no such server"));
    if (s->state == State::Running)
        return {};
    MockFile file;
    file.fileName = s->file;
    file.servers = {s->spec};
    http::HttpError error;
    QString url;
    MockEngine *engine = nullptr;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            auto *e = new MockEngine(m_worker);
            e->setLogging(true);
            e->setLogBodyLimit(kBodyKept);
            error = e->start(file);
            if (error && error.code() == "EADDRINUSE" && anyPortIfTaken)
                error = e->start(file, {}, 0);
            if (error) {
                delete e;
                return;
            }
            url = e->url(0);
            engine = e;
            // The batch for this engine's requests: sent from the worker every kBatchMs.
            auto batcher = std::make_shared<Batcher>();
            batcher->timer.setSingleShot(true);
            batcher->timer.setInterval(kBatchMs);
            connect(&batcher->timer, &QTimer::timeout, e,
                    [this, batcher] { deliver(std::exchange(batcher->pending, {})); });
            connect(e, &MockEngine::requestLogged, e,
                    [batcher, id](const MockEngine::LogEntry &entry) {
                        batcher->pending.append(entry);
                        batcher->pending.last().server = id;
                        if (!batcher->timer.isActive())
                            batcher->timer.start();
                    });
            connect(e, &QObject::destroyed, m_worker, [this, batcher] {
                if (!batcher->pending.isEmpty())
                    deliver(std::exchange(batcher->pending, {}));
            });
        },
        Qt::BlockingQueuedConnection);
    s->state = error ? State::Failed : State::Running;
    s->error = error ? error.message() : QString();
    s->url = url;
    if (engine)
        m_engines.insert(id, engine);
    Q_EMIT serverChanged(id);
    return error;
}

void MockHost::deliver(const QList<MockEngine::LogEntry> &batch)
{
    // Called in the worker thread; the GUI thread gets it queued.
    QMetaObject::invokeMethod(
        this,
        [this, batch] {
            QHash<int, int> counts;
            for (const MockEngine::LogEntry &e : batch)
                ++counts[e.server];
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                if (Server *s = find(it.key())) {
                    s->requests += it.value();
                    Q_EMIT serverChanged(s->id);
                }
            Q_EMIT logged(batch);
        },
        Qt::QueuedConnection);
}

void MockHost::stop(int id)
{
    Server *s = find(id);
    MockEngine *engine = m_engines.take(id);
    if (engine)
        QMetaObject::invokeMethod(
            engine,
            [engine] {
                for (http::Server *server : engine->servers()) {
                    server->close();
                    server->closeAllConnections();
                }
                engine->deleteLater();
            },
            Qt::BlockingQueuedConnection);
    if (s && s->state != State::Stopped) {
        s->state = State::Stopped;
        s->url.clear();
        Q_EMIT serverChanged(id);
    }
}

void MockHost::setFile(int id, const QString &file)
{
    if (Server *s = find(id))
        s->file = file;
}

void MockHost::setRoutes(int id, const QList<MockRoute> &routes)
{
    if (Server *s = find(id))
        s->spec.routes = routes;
    if (MockEngine *engine = m_engines.value(id))
        QMetaObject::invokeMethod(engine, [engine, routes] { engine->setRoutes(0, routes); });
}

} // namespace wb
