#include "session.h"

#include "agent.h"
#include "run.h"

#include <QDateTime>
#include <QJsonArray>

namespace wb {

Session::Session(const QString &workspacePath, QObject *parent)
    : QObject(parent)
    , m_workspace(std::make_unique<Workspace>(workspacePath))
{
    m_workspace->load();
    http::Agent::Options options;
    options.keepAlive = true;
    m_http = new http::Agent(options, this);
    options.protocol = QStringLiteral("https:");
    m_https = new http::Agent(options, this);
}

Session::~Session()
{
    // Runs first: their requests still hold sockets of the Agents.
    qDeleteAll(findChildren<Run *>(Qt::FindDirectChildrenOnly));
}

http::Agent *Session::agent(const QString &protocol) const
{
    return protocol == QLatin1String("https:") ? m_https : m_http;
}

http::Agent *Session::agentFor(const QUrl &url, bool keepAlive) const
{
    if (!keepAlive)
        return nullptr; // agent: false (a fresh connection, closed after the answer)
    return agent(url.scheme() + u':');
}

Run *Session::send(const Request &request, const Request::Prepared &prepared)
{
    auto *run = new Run(
        request, prepared,
        [this](const QUrl &url, bool keepAlive) { return agentFor(url, keepAlive); }, this);
    connect(run, &Run::done, this, [this, run] { record(*run); });
    return run;
}

void Session::record(const Run &run)
{
    const ExchangeRecord x = run.record();
    const Request::Prepared &sent = run.prepared();
    QJsonArray headers;
    for (const auto &[name, value] : sent.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    const QJsonObject entry{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("status"), // a response that broke says so: "200 HPE_INVALID_CHUNK_SIZE"
         !x.hasResponse ? QString::fromLatin1(x.error.code())
         : x.error
             ? QStringLiteral("%1 %2").arg(x.statusCode).arg(QString::fromLatin1(x.error.code()))
             : QString::number(x.statusCode)},
        {QStringLiteral("ms"), x.elapsedMs},
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("method"), QString::fromLatin1(sent.method)},
                     {QStringLiteral("url"), sent.url.toString()},
                     {QStringLiteral("headers"), headers},
                     {QStringLiteral("body"), QString::fromUtf8(sent.body)}}},
        {QStringLiteral("response"), x.toJson(kHistoryKeptBytes)},
        {QStringLiteral("composer"), run.request().toJson()}};
    QString error;
    if (!m_workspace->appendHistory(entry, &error))
        Q_EMIT problem(error);
    Q_EMIT historyChanged();
}

} // namespace wb
