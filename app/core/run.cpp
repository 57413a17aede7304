#include "run.h"

#include "incomingmessage.h"

namespace wb {

Run::Run(const Request &request, const Request::Prepared &prepared, AgentFor agentFor,
         QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_prepared(prepared)
    , m_agentFor(std::move(agentFor))
{
    start();
}

Run::~Run()
{
    delete m_exchange;
}

void Run::start()
{
    auto *x = new Exchange(m_prepared, m_agentFor(m_prepared.url, m_prepared.keepAlive),
                           Exchange::Detail::Full, this);
    m_exchange = x;
    connect(x, &Exchange::updated, this, &Run::updated);
    connect(x, &Exchange::done, this, &Run::hopDone);
}

void Run::hopDone()
{
    if (const auto next = redirectFrom(*m_exchange, m_prepared);
        next && m_hops.size() < m_request.followRedirects) {
        m_hops
            << QStringLiteral("%1 %2").arg(m_exchange->statusCode()).arg(m_prepared.url.toString());
        m_hopWire += m_exchange->wire();
        // Not deleted here: it is still emitting done().
        m_exchange->deleteLater();
        m_prepared = *next;
        start();
        return;
    }
    m_done = true;
    Q_EMIT done();
    if (m_discarded)
        deleteLater();
}

ExchangeRecord Run::record() const
{
    return ExchangeRecord::of(*m_exchange, m_hops, m_hopWire);
}

void Run::cancel()
{
    if (!m_done && m_exchange)
        m_exchange->cancel();
}

void Run::discard()
{
    m_discarded = true;
    if (m_done)
        deleteLater();
    else
        cancel();
}

std::optional<Request::Prepared> Run::redirectFrom(const Exchange &x,
                                                   const Request::Prepared &request)
{
    const int status = x.statusCode();
    if (!x.response() ||
        (status != 301 && status != 302 && status != 303 && status != 307 && status != 308))
        return std::nullopt;
    const QByteArray location = x.response()->headers().value("location");
    if (location.isEmpty())
        return std::nullopt;
    Request::Prepared next = request;
    next.url = request.url.resolved(QUrl::fromEncoded(location));
    // As browsers do: 303 (and 301/302 after a POST) go on with GET and no body; 307/308 repeat.
    if (status == 303 || ((status == 301 || status == 302) && request.method == "POST")) {
        next.method = "GET";
        next.body.clear();
        next.bodyFile.clear();
        next.bodyLength = 0;
        next.hasBody = false;
        next.headers.removeIf([](const auto &h) {
            return h.first.compare("content-type", Qt::CaseInsensitive) == 0 ||
                   h.first.compare("content-length", Qt::CaseInsensitive) == 0;
        });
    }
    return next;
}

} // namespace wb
