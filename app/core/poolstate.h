#pragma once

#include "poolrecorder.h"

#include <QHash>
#include <QString>

#include <vector>

namespace wb {

/// An Agent's pools as they stand after a run of PoolRecorder events: Node's `agent.sockets`,
/// `freeSockets` and `requests` per getName() group, each socket with its state and the requests
/// it carried (a waterfall per socket), and counters. Built only from events, so the same events
/// give the same state whether they come live, from an exported file, or replayed up to a step.
class PoolState {
public:
    enum class SocketState { Connecting, Handshake, Writing, Waiting, Reading, Free, Destroyed };
    using Event = PoolRecorder::Event;

    /// One request: on the "waiting for a socket" lane while queued, then on its socket's lane.
    /// Times in ms on the recorder's clock; -1: not (yet) reached.
    struct Bar {
        int request = 0;
        quint64 socket = 0; ///< 0 while queued (or never given one)
        double queued = -1, dequeued = -1;
        QString limit;          ///< what held it in the queue ("maxSockets"…)
        double connecting = -1; ///< its socket's connect began (a new socket)
        double handshake = -1;  ///< TLS handshake began
        double assigned = -1;   ///< it got the socket (Node's 'socket')
        double connected = -1;  ///< its socket could carry data
        double sent = -1;       ///< all written ('finish')
        double response = -1;   ///< the response head ('response')
        double end = -1;        ///< done with the socket (freed, closed, or the request closed)
        bool reused = false;    ///< req.reusedSocket
        int status = 0;
        QString ended; ///< how it ended when its socket went with it ("error"…); else empty
        friend bool operator==(const Bar &, const Bar &) = default;
    };
    struct Socket {
        quint64 id = 0;
        quint16 port = 0;
        SocketState state = SocketState::Connecting;
        double created = 0, connected = -1, freeSince = -1, destroyed = -1;
        QString reason;        ///< why it was destroyed
        int current = 0;       ///< the request on it now (0: none)
        std::vector<int> bars; ///< indexes into Group::bars, in order
        int served() const { return int(bars.size()); }
        friend bool operator==(const Socket &, const Socket &) = default;
    };
    struct Group {
        QString name;                ///< Node's getName()
        std::vector<Socket> sockets; ///< every socket seen, destroyed ones included
        std::vector<Bar> bars;       ///< every request seen, in order
        std::vector<int> queue;      ///< indexes into bars: `agent.requests[name]`
        int busy = 0;                ///< `agent.sockets[name].length`
        int free = 0;                ///< `agent.freeSockets[name].length`
        /// reused: requests carried by a socket that had carried one before (queued requests
        /// handed a freed socket included; Node's req.reusedSocket counts only idle ones).
        int created = 0, reused = 0, destroyed = 0, maxConcurrent = 0;
        std::vector<double> queueTimes; ///< ms each dequeued request waited
        QHash<quint64, int> socketAt;   ///< socket id → index into sockets
        friend bool operator==(const Group &, const Group &) = default;
    };
    struct Counters {
        int created = 0, reused = 0, destroyed = 0, maxConcurrent = 0;
        double queuedP50 = 0, queuedMax = 0; ///< ms
        int queuedCount = 0;
    };

    void apply(const Event &e);
    /// The state after events [0, count).
    static PoolState replay(const std::vector<Event> &events, qsizetype count);

    const std::vector<Group> &groups() const { return m_groups; }
    int groupIndex(const QString &name) const { return m_groupIndex.value(name, -1); }
    /// Where request `id` is: its group and bar indexes, or {-1, -1}.
    std::pair<int, int> findRequest(int id) const { return m_requestAt.value(id, {-1, -1}); }
    int socketIndex(int group, quint64 id) const;
    double lastMs() const { return m_lastMs; }
    /// Of one group, or of all when `group` < 0.
    Counters counters(int group = -1) const;

    static QString stateName(SocketState s);
    /// What `e` means in plain words, with the Agent property it changed.
    static QString explain(const Event &e);

    friend bool operator==(const PoolState &, const PoolState &) = default;

private:
    Group &group(const QString &name);
    Bar &bar(Group &g, int request);
    Socket *socket(Group &g, quint64 id);
    void endCurrent(Group &g, Socket &s, double ms, const QString &how = {});

    std::vector<Group> m_groups;
    QHash<QString, int> m_groupIndex;
    QHash<int, std::pair<int, int>> m_requestAt;
    double m_lastMs = 0;
    int m_concurrent = 0;
    int m_maxConcurrent = 0;
};

} // namespace wb
