#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace http {
class Agent;
class ClientRequest;
} // namespace http

namespace wb {

/// An Agent's pool as it changes, event by event, turned into values: what `send --pool-events`
/// prints and the pool visualiser shows. Driven only by the Agent's signals (Node has no such
/// events; its `agent.sockets`, `freeSockets` and `requests` are what they change).
class PoolRecorder : public QObject {
    Q_OBJECT
public:
    struct Event {
        QString name;  ///< socketCreated, socketAssigned, socketReused, socketFreed,
                       ///< socketDestroyed, requestQueued, requestDequeued
        QString group; ///< the pool: Node's `agent.getName()`
        double ms = 0; ///< since the recorder started
        quint64 socket = 0;
        int request = 0; ///< 1, 2… in the order requests first show up (0: none)
        QString reason;  ///< socketDestroyed: why
        /// One JSON line, as `send --pool-events` prints it.
        QJsonObject toJson() const;
        /// A line read back (an exported file); nullopt when it is not one.
        static std::optional<Event> fromJson(const QJsonObject &o);
        friend bool operator==(const Event &, const Event &) = default;
    };

    explicit PoolRecorder(http::Agent *agent, QObject *parent = nullptr);

    /// Keep every event in events() (the visualiser); off, they are only signalled (`send`,
    /// whose runs may be long).
    void setKeeping(bool on) { m_keeping = on; }
    const QList<Event> &events() const { return m_events; }
    /// A request that is over: its id is not needed any more (a long run stays small).
    void forget(http::ClientRequest *request) { m_ids.remove(request); }

Q_SIGNALS:
    void recorded(const wb::PoolRecorder::Event &event);

private:
    void record(const char *name, const QString &group, quint64 socket,
                http::ClientRequest *request, const QString &reason = {});

    QElapsedTimer m_clock;
    QHash<http::ClientRequest *, int> m_ids;
    int m_nextId = 1;
    bool m_keeping = false;
    QList<Event> m_events;
};

} // namespace wb
