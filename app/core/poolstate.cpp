#include "poolstate.h"

#include <algorithm>

namespace wb {

PoolState::Group &PoolState::group(const QString &name)
{
    auto it = m_groupIndex.constFind(name);
    if (it != m_groupIndex.cend())
        return m_groups[size_t(*it)];
    m_groupIndex.insert(name, int(m_groups.size()));
    m_groups.push_back(Group{});
    m_groups.back().name = name;
    return m_groups.back();
}

PoolState::Bar &PoolState::bar(Group &g, int request)
{
    auto it = m_requestAt.constFind(request);
    if (it != m_requestAt.cend() && m_groups[size_t(it->first)].name == g.name)
        return g.bars[size_t(it->second)];
    m_requestAt.insert(request, {m_groupIndex.value(g.name), int(g.bars.size())});
    g.bars.push_back(Bar{});
    g.bars.back().request = request;
    return g.bars.back();
}

PoolState::Socket *PoolState::socket(Group &g, quint64 id)
{
    const int i = g.socketAt.value(id, -1);
    return i < 0 ? nullptr : &g.sockets[size_t(i)];
}

int PoolState::socketIndex(int group, quint64 id) const
{
    if (group < 0 || group >= int(m_groups.size()))
        return -1;
    return m_groups[size_t(group)].socketAt.value(id, -1);
}

void PoolState::endCurrent(Group &g, Socket &s, double ms, const QString &how)
{
    if (!s.current)
        return;
    const auto at = m_requestAt.value(s.current, {-1, -1});
    s.current = 0;
    if (at.second < 0)
        return;
    Bar &b = g.bars[size_t(at.second)];
    if (b.end < 0) {
        b.end = ms;
        b.ended = how;
    }
}

namespace {

PoolState::SocketState phaseOf(const PoolState::Bar &b)
{
    if (b.response >= 0)
        return PoolState::SocketState::Reading;
    if (b.sent >= 0)
        return PoolState::SocketState::Waiting;
    return PoolState::SocketState::Writing;
}

} // namespace

void PoolState::apply(const Event &e)
{
    m_lastMs = std::max(m_lastMs, e.ms);
    Group &g = group(e.group);
    Socket *s = e.socket ? socket(g, e.socket) : nullptr;
    const QString &n = e.name;
    if (n == QLatin1String("requestQueued")) {
        Bar &b = bar(g, e.request);
        b.queued = e.ms;
        b.limit = e.reason;
        g.queue.push_back(m_requestAt.value(e.request).second);
    } else if (n == QLatin1String("requestDequeued")) {
        Bar &b = bar(g, e.request);
        b.dequeued = e.ms;
        const int index = m_requestAt.value(e.request).second;
        g.queue.erase(std::remove(g.queue.begin(), g.queue.end(), index), g.queue.end());
        if (b.queued >= 0)
            g.queueTimes.push_back(e.ms - b.queued);
    } else if (n == QLatin1String("socketCreated")) {
        if (!s) {
            g.socketAt.insert(e.socket, int(g.sockets.size()));
            g.sockets.push_back(Socket{});
            s = &g.sockets.back();
            s->id = e.socket;
        }
        s->created = e.ms;
        ++g.created;
        ++g.busy;
        g.maxConcurrent = std::max(g.maxConcurrent, g.busy + g.free);
        m_maxConcurrent = std::max(m_maxConcurrent, ++m_concurrent);
        if (e.request)
            bar(g, e.request).connecting = e.ms;
    } else if (!s && e.socket) {
        // A socket made before the first event kept (after Clear, or a trimmed run): taken in
        // as it must have been just before this event, then the event applies.
        g.socketAt.insert(e.socket, int(g.sockets.size()));
        g.sockets.push_back(Socket{});
        Socket &adopted = g.sockets.back();
        adopted.id = e.socket;
        adopted.created = adopted.connected = e.ms;
        const bool wasFree =
            n == QLatin1String("socketReused") || n == QLatin1String("socketDestroyed");
        adopted.state = wasFree ? SocketState::Free : SocketState::Writing;
        adopted.freeSince = wasFree ? e.ms : -1;
        ++(wasFree ? g.free : g.busy);
        g.maxConcurrent = std::max(g.maxConcurrent, g.busy + g.free);
        m_maxConcurrent = std::max(m_maxConcurrent, ++m_concurrent);
        apply(e);
        return;
    } else if (n == QLatin1String("socketHandshake")) {
        if (s->state == SocketState::Connecting)
            s->state = SocketState::Handshake;
        if (s->current)
            bar(g, s->current).handshake = e.ms;
    } else if (n == QLatin1String("socketConnected")) {
        s->connected = e.ms;
        s->port = e.port;
        if (s->current) {
            Bar &b = bar(g, s->current);
            b.connected = e.ms;
            s->state = phaseOf(b);
        }
    } else if (n == QLatin1String("socketReused")) {
        bar(g, e.request).reused = true;
        if (s->state == SocketState::Free) {
            --g.free;
            ++g.busy;
        }
    } else if (n == QLatin1String("socketAssigned")) {
        endCurrent(g, *s, e.ms); // handed straight on to a queued request: no socketFreed
        Bar &b = bar(g, e.request);
        b.socket = s->id;
        b.assigned = e.ms;
        if (s->connected >= 0) {
            b.connected = e.ms;
            s->state = SocketState::Writing;
        } else {
            b.connecting = s->created;
            if (s->state == SocketState::Handshake)
                b.handshake = e.ms;
        }
        s->current = e.request;
        if (!s->bars.empty())
            ++g.reused; // a request on a socket that carried one before
        s->bars.push_back(m_requestAt.value(e.request).second);
    } else if (n == QLatin1String("requestSent") || n == QLatin1String("responseStarted")) {
        Bar &b = bar(g, e.request);
        if (n == QLatin1String("requestSent")) {
            b.sent = e.ms;
        } else {
            b.response = e.ms;
            b.status = e.status;
        }
        if (s && s->current == e.request && s->connected >= 0 && s->state != SocketState::Destroyed)
            s->state = phaseOf(b);
    } else if (n == QLatin1String("socketFreed")) {
        endCurrent(g, *s, e.ms);
        if (s->state != SocketState::Free) {
            --g.busy;
            ++g.free;
        }
        s->state = SocketState::Free;
        s->freeSince = e.ms;
    } else if (n == QLatin1String("socketDestroyed")) {
        const bool normal = e.reason == QLatin1String("not kept alive") ||
                            e.reason == QLatin1String("timeout") ||
                            e.reason == QLatin1String("pool full") ||
                            e.reason == QLatin1String("server keep-alive too short");
        endCurrent(g, *s, e.ms, normal ? QString() : e.reason);
        if (s->state == SocketState::Free)
            --g.free;
        else if (s->state != SocketState::Destroyed)
            --g.busy;
        if (s->state != SocketState::Destroyed) {
            ++g.destroyed;
            --m_concurrent;
        }
        s->state = SocketState::Destroyed;
        s->destroyed = e.ms;
        s->reason = e.reason;
    } else if (n == QLatin1String("requestRemoved")) {
        Bar &b = bar(g, e.request);
        b.end = e.ms;
        b.ended = QStringLiteral("cancelled while queued");
        const int index = m_requestAt.value(e.request).second;
        g.queue.erase(std::remove(g.queue.begin(), g.queue.end(), index), g.queue.end());
    } else if (n == QLatin1String("requestClosed")) {
        Bar &b = bar(g, e.request);
        if (b.end < 0) {
            b.end = e.ms;
            if (!b.socket) { // closed while it waited for a socket
                b.ended = QStringLiteral("closed while queued");
                const int index = m_requestAt.value(e.request).second;
                g.queue.erase(std::remove(g.queue.begin(), g.queue.end(), index), g.queue.end());
            }
        }
    }
}

PoolState PoolState::replay(const std::vector<Event> &events, qsizetype count)
{
    PoolState state;
    count = std::min<qsizetype>(count, qsizetype(events.size()));
    for (qsizetype i = 0; i < count; ++i)
        state.apply(events[size_t(i)]);
    return state;
}

PoolState::Counters PoolState::counters(int group) const
{
    Counters c;
    std::vector<double> times;
    for (int i = 0; i < int(m_groups.size()); ++i) {
        if (group >= 0 && i != group)
            continue;
        const Group &g = m_groups[size_t(i)];
        c.created += g.created;
        c.reused += g.reused;
        c.destroyed += g.destroyed;
        times.insert(times.end(), g.queueTimes.cbegin(), g.queueTimes.cend());
    }
    c.maxConcurrent = group >= 0 && group < int(m_groups.size())
                          ? m_groups[size_t(group)].maxConcurrent
                          : m_maxConcurrent;
    c.queuedCount = int(times.size());
    if (!times.empty()) {
        std::sort(times.begin(), times.end());
        c.queuedP50 = times[(times.size() - 1) / 2];
        c.queuedMax = times.back();
    }
    return c;
}

QString PoolState::stateName(SocketState s)
{
    switch (s) {
    case SocketState::Connecting:
        return QStringLiteral("connecting");
    case SocketState::Handshake:
        return QStringLiteral("TLS handshake");
    case SocketState::Writing:
        return QStringLiteral("active — writing");
    case SocketState::Waiting:
        return QStringLiteral("active — waiting");
    case SocketState::Reading:
        return QStringLiteral("active — reading");
    case SocketState::Free:
        return QStringLiteral("free");
    case SocketState::Destroyed:
        return QStringLiteral("destroyed");
    }
    return {};
}

QString PoolState::explain(const Event &e)
{
    const QString r = QStringLiteral("request #%1").arg(e.request);
    const QString s = QStringLiteral("socket #%1").arg(e.socket);
    const QString &n = e.name;
    if (n == QLatin1String("requestQueued"))
        return QStringLiteral("%1 waits in agent.requests: this pool already has %2 sockets, so "
                              "no new one may be opened until one frees up or closes.")
            .arg(r, e.reason == QLatin1String("maxTotalSockets")
                        ? QStringLiteral("maxTotalSockets (across all hosts)")
                        : QStringLiteral("maxSockets"));
    if (n == QLatin1String("requestDequeued"))
        return QStringLiteral("%1 leaves agent.requests: a socket of its pool is available.")
            .arg(r);
    if (n == QLatin1String("socketCreated"))
        return e.request
                   ? QStringLiteral("A new connection, %1, is opened for %2: no free socket was "
                                    "waiting and the pool is under maxSockets. It joins "
                                    "agent.sockets.")
                         .arg(s, r)
                   : QStringLiteral("A new connection, %1, is opened for the queue: a socket "
                                    "closed while requests waited. It joins agent.sockets.")
                         .arg(s);
    if (n == QLatin1String("socketHandshake"))
        return QStringLiteral("%1: TCP is up; the TLS handshake begins.").arg(s);
    if (n == QLatin1String("socketConnected"))
        return QStringLiteral("%1 is connected (local port %2) and can carry its request.")
            .arg(s)
            .arg(e.port);
    if (n == QLatin1String("socketAssigned"))
        return QStringLiteral("%1 gets %2 (the request's 'socket' event).").arg(r, s);
    if (n == QLatin1String("socketReused"))
        return QStringLiteral("%1 reuses the idle %2 (keepAlive): no new connection, no "
                              "handshake. It moves from agent.freeSockets to agent.sockets; "
                              "req.reusedSocket is true.")
            .arg(r, s);
    if (n == QLatin1String("requestSent"))
        return QStringLiteral("%1 is written whole ('finish'); now the server has it.").arg(r);
    if (n == QLatin1String("responseStarted"))
        return QStringLiteral("The head of %1's response came: %2 ('response').")
            .arg(r)
            .arg(e.status);
    if (n == QLatin1String("socketFreed"))
        return QStringLiteral("%1 is done with its request and kept alive: it moves to "
                              "agent.freeSockets and idles until the next request (or the "
                              "agent's timeout).")
            .arg(s);
    if (n == QLatin1String("requestClosed"))
        return QStringLiteral("%1 is over ('close').").arg(r);
    if (n == QLatin1String("requestRemoved"))
        return QStringLiteral("%1 is cancelled while it waited: it leaves agent.requests without "
                              "a socket.")
            .arg(r);
    if (n == QLatin1String("socketDestroyed")) {
        static const QHash<QString, QString> why{
            {QStringLiteral("timeout"),
             QStringLiteral("it idled in agent.freeSockets longer than the agent's timeout")},
            {QStringLiteral("closed"), QStringLiteral("the server closed the connection")},
            {QStringLiteral("pool full"),
             QStringLiteral("agent.freeSockets already held maxFreeSockets sockets for this "
                            "host (or the pool was over maxSockets)")},
            {QStringLiteral("not kept alive"),
             QStringLiteral("keepAlive is off (or a side said Connection: close) and no request "
                            "was waiting for it")},
            {QStringLiteral("server keep-alive too short"),
             QStringLiteral("the server's Keep-Alive: timeout is too short to reuse it safely")},
            {QStringLiteral("request destroyed"),
             QStringLiteral("its request was destroyed (req.destroy(): cancelled or timed out) "
                            "while it carried it")},
            {QStringLiteral("agent destroyed"), QStringLiteral("agent.destroy() was called")},
            {QStringLiteral("handed over"),
             QStringLiteral("an upgrade or CONNECT took it out of the pool")}};
        const QString reason =
            e.reason.startsWith(QLatin1String("error "))
                ? QStringLiteral("the connection failed (%1)").arg(e.reason.mid(6))
                : why.value(e.reason, e.reason);
        return QStringLiteral("%1 is destroyed: %2. It leaves the pool.").arg(s, reason);
    }
    return n;
}

} // namespace wb
