#include "poolrecorder.h"

#include "agent.h"
#include "clientrequest.h"
#include "incomingmessage.h"

#include <algorithm>
#include <cmath>

namespace wb {

const QStringList &PoolRecorder::eventNames()
{
    static const QStringList names{
        QStringLiteral("requestQueued"),   QStringLiteral("requestDequeued"),
        QStringLiteral("socketCreated"),   QStringLiteral("socketReused"),
        QStringLiteral("socketAssigned"),  QStringLiteral("socketHandshake"),
        QStringLiteral("socketConnected"), QStringLiteral("requestSent"),
        QStringLiteral("responseStarted"), QStringLiteral("socketFreed"),
        QStringLiteral("socketDestroyed"), QStringLiteral("requestClosed"),
        QStringLiteral("requestRemoved")};
    return names;
}

PoolRecorder::PoolRecorder(http::Agent *agent, QObject *parent)
    : QObject(parent)
{
    connect(agent, &http::Agent::socketCreated, this,
            [this](const QString &g, quint64 s, http::ClientRequest *r) {
                record("socketCreated", g, s, r);
            });
    connect(agent, &http::Agent::socketHandshake, this,
            [this](const QString &g, quint64 s) { record("socketHandshake", g, s, nullptr); });
    connect(agent, &http::Agent::socketConnected, this,
            [this](const QString &g, quint64 s, quint16 port) {
                record("socketConnected", g, s, nullptr, {}, port);
            });
    connect(agent, &http::Agent::socketAssigned, this,
            [this](const QString &g, quint64 s, http::ClientRequest *r) {
                seen(r).socket = s;
                record("socketAssigned", g, s, r);
                // The request's phases on this socket: all written, the response's head, done.
                connect(r, &http::ClientRequest::finished, this,
                        [this, g, r] { record("requestSent", g, seen(r).socket, r); });
                connect(r, &http::ClientRequest::responseReceived, this,
                        [this, g, r](http::IncomingMessage *res) {
                            record("responseStarted", g, seen(r).socket, r, {}, 0,
                                   res->statusCode());
                        });
                connect(r, &http::ClientRequest::closed, this,
                        [this, g, r] { record("requestClosed", g, seen(r).socket, r); });
            });
    connect(agent, &http::Agent::socketReused, this,
            [this](const QString &g, quint64 s, http::ClientRequest *r) {
                record("socketReused", g, s, r);
            });
    connect(agent, &http::Agent::socketFreed, this,
            [this](const QString &g, quint64 s) { record("socketFreed", g, s, nullptr); });
    connect(agent, &http::Agent::socketDestroyed, this,
            [this](const QString &g, quint64 s, const QString &why) {
                record("socketDestroyed", g, s, nullptr, why);
            });
    connect(agent, &http::Agent::requestQueued, this,
            [this](const QString &g, http::ClientRequest *r, const QString &limit) {
                record("requestQueued", g, 0, r, limit);
            });
    connect(
        agent, &http::Agent::requestDequeued, this,
        [this](const QString &g, http::ClientRequest *r) { record("requestDequeued", g, 0, r); });
    connect(agent, &http::Agent::requestRemoved, this,
            [this](const QString &g, http::ClientRequest *r) {
                if (m_requests.contains(r)) // only looked up: the request is being deleted
                    record("requestRemoved", g, 0, r);
            });
}

void PoolRecorder::clear()
{
    m_events.clear();
    m_clock.invalidate();
}

PoolRecorder::Seen &PoolRecorder::seen(http::ClientRequest *request)
{
    auto it = m_requests.find(request);
    if (it == m_requests.end()) {
        it = m_requests.insert(request, Seen{m_nextId++, 0});
        connect(request, &QObject::destroyed, this,
                [this, request] { m_requests.remove(request); });
    }
    return it.value();
}

void PoolRecorder::record(const char *name, const QString &group, quint64 socket,
                          http::ClientRequest *request, const QString &reason, quint16 port,
                          int status)
{
    if (!m_clock.isValid())
        m_clock.start();
    Event e;
    // One shared string per name: a long run keeps no copy of it per event.
    const QStringList &names = eventNames();
    e.name = *std::find(names.cbegin(), names.cend(), QLatin1String(name));
    e.group = group;
    e.ms = now();
    e.socket = socket;
    if (request)
        e.request = seen(request).id;
    e.reason = reason;
    e.port = port;
    e.status = status;
    if (m_keeping) {
        if (m_events.size() >= kKept)
            m_events.remove(0, kKept / 4);
        m_events.append(e);
    }
    Q_EMIT recorded(e);
}

QJsonObject PoolRecorder::Event::toJson() const
{
    QJsonObject o{{QStringLiteral("event"), name},
                  {QStringLiteral("group"), group},
                  {QStringLiteral("ms"), ms}};
    if (socket)
        o.insert(QStringLiteral("socket"), qint64(socket));
    if (request)
        o.insert(QStringLiteral("request"), request);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (port)
        o.insert(QStringLiteral("port"), port);
    if (status)
        o.insert(QStringLiteral("status"), status);
    return o;
}

std::optional<PoolRecorder::Event> PoolRecorder::Event::fromJson(const QJsonObject &o, QString *why)
{
    auto fail = [why](const QString &text) -> std::optional<Event> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    Event e;
    const QJsonValue name = o.value(QStringLiteral("event"));
    if (!name.isString())
        return fail(QStringLiteral("no \"event\" name"));
    e.name = name.toString();
    if (!eventNames().contains(e.name))
        return fail(QStringLiteral("unknown event \"%1\" (one of %2)")
                        .arg(e.name, eventNames().join(u'/')));
    if (!o.value(QStringLiteral("group")).isString())
        return fail(QStringLiteral("\"group\" must be a string (the pool's getName())"));
    e.group = o.value(QStringLiteral("group")).toString();
    const QJsonValue ms = o.value(QStringLiteral("ms"));
    // Times and ids in the ranges a run can have (a day is 8.64e7 ms).
    if (!ms.isDouble() || !(ms.toDouble() >= 0 && ms.toDouble() <= 1e9))
        return fail(QStringLiteral("\"ms\" must be a number of milliseconds from 0 to 1e9"));
    e.ms = ms.toDouble();
    struct Whole {
        const char *key;
        double max;
    };
    for (const Whole &w : {Whole{"socket", 9007199254740991.0}, Whole{"request", 2147483647.0},
                           Whole{"port", 65535}, Whole{"status", 999}}) {
        const QJsonValue v = o.value(QLatin1String(w.key));
        if (!v.isUndefined() && !(v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= w.max &&
                                  v.toDouble() == std::floor(v.toDouble())))
            return fail(QStringLiteral("\"%1\" must be a whole number from 0 to %2")
                            .arg(QLatin1String(w.key))
                            .arg(w.max, 0, 'g', 16));
    }
    e.socket = quint64(o.value(QStringLiteral("socket")).toInteger());
    e.request = o.value(QStringLiteral("request")).toInt();
    e.reason = o.value(QStringLiteral("reason")).toString();
    e.port = quint16(o.value(QStringLiteral("port")).toInt());
    e.status = o.value(QStringLiteral("status")).toInt();
    return e;
}

} // namespace wb
