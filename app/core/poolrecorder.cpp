#include "poolrecorder.h"

#include "agent.h"
#include "clientrequest.h"

namespace wb {

PoolRecorder::PoolRecorder(http::Agent *agent, QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    connect(agent, &http::Agent::socketCreated, this,
            [this](const QString &g, quint64 s, http::ClientRequest *r) {
                record("socketCreated", g, s, r);
            });
    connect(agent, &http::Agent::socketAssigned, this,
            [this](const QString &g, quint64 s, http::ClientRequest *r) {
                record("socketAssigned", g, s, r);
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
            [this](const QString &g, http::ClientRequest *r) { record("requestQueued", g, 0, r); });
    connect(
        agent, &http::Agent::requestDequeued, this,
        [this](const QString &g, http::ClientRequest *r) { record("requestDequeued", g, 0, r); });
}

void PoolRecorder::record(const char *name, const QString &group, quint64 socket,
                          http::ClientRequest *request, const QString &reason)
{
    Event e;
    e.name = QLatin1String(name);
    e.group = group;
    e.ms = double(m_clock.nsecsElapsed()) / 1e6;
    e.socket = socket;
    if (request) {
        auto it = m_ids.find(request);
        if (it == m_ids.end())
            it = m_ids.insert(request, m_nextId++);
        e.request = it.value();
    }
    e.reason = reason;
    if (m_keeping)
        m_events.append(e);
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
    return o;
}

std::optional<PoolRecorder::Event> PoolRecorder::Event::fromJson(const QJsonObject &o)
{
    static const QStringList names{
        QStringLiteral("socketCreated"),   QStringLiteral("socketAssigned"),
        QStringLiteral("socketReused"),    QStringLiteral("socketFreed"),
        QStringLiteral("socketDestroyed"), QStringLiteral("requestQueued"),
        QStringLiteral("requestDequeued")};
    Event e;
    e.name = o.value(QStringLiteral("event")).toString();
    if (!names.contains(e.name) || !o.value(QStringLiteral("group")).isString() ||
        !o.value(QStringLiteral("ms")).isDouble())
        return std::nullopt;
    e.group = o.value(QStringLiteral("group")).toString();
    e.ms = o.value(QStringLiteral("ms")).toDouble();
    e.socket = quint64(o.value(QStringLiteral("socket")).toInteger());
    e.request = o.value(QStringLiteral("request")).toInt();
    e.reason = o.value(QStringLiteral("reason")).toString();
    return e;
}

} // namespace wb
