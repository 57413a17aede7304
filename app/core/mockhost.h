#pragma once

#include "httperror.h"
#include "mockengine.h"
#include "mockfile.h"

#include <QList>
#include <QObject>
#include <QThread>

namespace wb {

/// The app's mock servers: each its own MockEngine, all in one worker thread, so the GUI thread
/// never does server work. Requests they serve come back as log batches (at most one every
/// 50 ms, so a flood costs the GUI little). No Node equivalent (Node would use a worker).
class MockHost : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Running, Failed };
    struct Server {
        int id = 0;
        QString file; ///< the mock file it came from ("" when made in the app)
        MockServerSpec spec;
        State state = State::Stopped;
        QString url;   ///< while running: `http://HOST:PORT` as it listens
        QString error; ///< why it failed to start
        qint64 requests = 0;
    };
    /// Log rows kept waiting in the worker before a batch is sent, at most.
    static constexpr int kBatchMs = 50;
    /// The log keeps this much of each request and response body.
    static constexpr qsizetype kBodyKept = 64 * 1024;

    explicit MockHost(QObject *parent = nullptr);
    ~MockHost() override;

    /// Adds the servers of `file`, stopped; returns their ids.
    QList<int> add(const MockFile &file);
    /// Stops and forgets a server.
    void remove(int id);
    /// Starts a server and waits until it listens (or fails). With `anyPortIfTaken`, a taken
    /// port falls back to a free one.
    http::HttpError start(int id, bool anyPortIfTaken = false);
    /// Stops listening and closes its connections at once.
    void stop(int id);
    /// Replaces a server's routes: a running server answers its next request with them
    /// (requests in flight finish with the route they matched).
    void setRoutes(int id, const QList<MockRoute> &routes);
    /// The file a server is saved in (after "save as").
    void setFile(int id, const QString &file);
    const QList<Server> &servers() const { return m_servers; }
    const Server *server(int id) const;

Q_SIGNALS:
    /// Its state, address or request count changed.
    void serverChanged(int id);
    /// Requests served since the last batch, oldest first (`LogEntry::server` is the id).
    void logged(const QList<wb::MockEngine::LogEntry> &batch);

private:
    Server *find(int id);
    void deliver(const QList<MockEngine::LogEntry> &batch);

    QThread m_thread;
    QObject *m_worker; // lives in m_thread; engines are its children
    QList<Server> m_servers;
    QHash<int, MockEngine *> m_engines; // running ones, in m_thread
    int m_nextId = 1;
};

} // namespace wb
