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
/// prints and the pool visualiser shows. Driven only by signals: the Agent's pool signals, and,
/// for the phases of a request on its socket, the request's own (Node's `finish`, `response`,
/// `close`). Node has no pool events; its `agent.sockets`, `freeSockets` and `requests` are what
/// they change.
class PoolRecorder : public QObject {
    Q_OBJECT
public:
    struct Event {
        /// socketCreated, socketHandshake, socketConnected, socketAssigned, socketReused,
        /// socketFreed, socketDestroyed, requestQueued, requestDequeued, requestSent,
        /// responseStarted, requestClosed, requestRemoved (deleted while queued)
        QString name;
        QString group; ///< the pool: Node's `agent.getName()`
        double ms = 0; ///< since the first event recorded (or since clear())
        quint64 socket = 0;
        int request = 0; ///< 1, 2… in the order requests first show up (0: none)
        /// socketDestroyed: why ("timeout", "pool full"…); requestQueued: the limit that held
        /// it ("maxSockets", "maxTotalSockets").
        QString reason;
        quint16 port = 0; ///< socketConnected: the local port
        int status = 0;   ///< responseStarted: the status code
        /// One JSON line, as `send --pool-events` prints it.
        QJsonObject toJson() const;
        /// A line read back (an exported file); nullopt when it is not one, and then `why`
        /// names the field that is wrong.
        static std::optional<Event> fromJson(const QJsonObject &o, QString *why = nullptr);
        friend bool operator==(const Event &, const Event &) = default;
    };
    /// Every event name, in the order a request usually meets them.
    static const QStringList &eventNames();

    explicit PoolRecorder(http::Agent *agent, QObject *parent = nullptr);

    /// Keep the events in events() (the visualiser); off, they are only signalled (`send`,
    /// whose runs may be long). Beyond kKept the oldest quarter is let go.
    void setKeeping(bool on) { m_keeping = on; }
    static constexpr qsizetype kKept = 200000;
    const QList<Event> &events() const { return m_events; }
    /// Forgets the kept events; the clock starts again at the next event.
    void clear();
    /// The clock of Event::ms: milliseconds since the first event (0 before it).
    double now() const { return m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e6 : 0; }

Q_SIGNALS:
    void recorded(const wb::PoolRecorder::Event &event);

private:
    struct Seen {
        int id = 0;
        quint64 socket = 0;
    };
    Seen &seen(http::ClientRequest *request);
    void record(const char *name, const QString &group, quint64 socket,
                http::ClientRequest *request, const QString &reason = {}, quint16 port = 0,
                int status = 0);

    QElapsedTimer m_clock;
    QHash<http::ClientRequest *, Seen> m_requests;
    int m_nextId = 1;
    bool m_keeping = false;
    QList<Event> m_events;
};

} // namespace wb
