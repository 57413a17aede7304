#include "exchange.h"

#include "agent.h"
#include "http.h"
#include "incomingmessage.h"

#include <QJsonArray>

#include <limits>

namespace wb {

Exchange::Exchange(const Request::Prepared &r, http::Agent *agent, Detail detail, QObject *parent)
    : QObject(parent)
    , m_url(r.url)
{
    m_clock.start();
    http::ClientRequest::Options options = http::urlToHttpOptions(r.url);
    options.method = r.method;
    options.headers = r.headers;
    options.agent = agent;
    options.noAgent = agent == nullptr;
    options.rejectUnauthorized = !r.insecure;
    options.lookup = r.lookup;
    if (r.timeoutMs > 0)
        options.timeout = r.timeoutMs;
    m_timeoutIsError = r.timeoutMs > 0;
    m_wireHeadLimit = qMax<qint64>(0, r.wireHead);
    m_wireTailLimit = qMax<qint64>(0, r.wireTail);
    http::HttpError error;
    m_agent = agent;
    m_request = http::request(options, {}, this, &error);
    if (!m_request) {
        m_error = error;
        QMetaObject::invokeMethod(
            this, [this] { finish(); }, Qt::QueuedConnection);
        return;
    }
    if (detail == Detail::Full)
        wireFull();
    else
        wireOutcome();
    if (!r.bodyFile.isEmpty()) {
        m_bodyFile = std::make_unique<QFile>(r.bodyFile);
        if (!m_bodyFile->open(QIODevice::ReadOnly)) {
            m_error = http::HttpError(
                "EBODYFILE",
                QStringLiteral("%1: cannot read: %2").arg(r.bodyFile, m_bodyFile->errorString()));
            m_request->destroy();
            return;
        }
        connect(m_request, &http::OutgoingMessage::drained, this, &Exchange::pumpBodyFile);
        pumpBodyFile();
        return;
    }
    m_request->end(r.hasBody ? r.body : QByteArray());
}

void Exchange::pumpBodyFile()
{
    constexpr qint64 kPiece = 64 * 1024;
    while (m_bodyFile && !m_done) {
        const QByteArray piece = m_bodyFile->read(kPiece);
        if (piece.isEmpty()) {
            if (m_bodyFile->error() != QFileDevice::NoError && !m_error) {
                m_error = http::HttpError(
                    "EBODYFILE", QStringLiteral("%1: cannot read: %2")
                                     .arg(m_bodyFile->fileName(), m_bodyFile->errorString()));
                m_bodyFile.reset();
                m_request->destroy();
                return;
            }
            m_bodyFile.reset();
            m_request->end();
            return;
        }
        if (!m_request->write(piece))
            return; // drained() brings us back
    }
}

Exchange::~Exchange() = default;

void Exchange::cancel()
{
    if (m_request && !m_done) {
        if (!m_error)
            m_error = http::HttpError("ECANCELED", QStringLiteral("cancelled"));
        m_request->destroy();
    }
}

bool Exchange::complete() const
{
    return m_res && m_res->complete() && !m_error;
}

int Exchange::statusCode() const
{
    return m_res ? m_res->statusCode() : 0;
}

double Exchange::now() const
{
    return double(m_clock.nsecsElapsed()) / 1e6;
}

double Exchange::elapsedMs() const
{
    return m_doneAt >= 0 ? m_doneAt : now();
}

void Exchange::logEvent(const QString &name)
{
    if (name == QLatin1String("response.data") && !m_events.isEmpty() &&
        m_events.last().name == name)
        return;
    // A peer can repeat an event without end (a flood of 1xx answers): a long run is counted,
    // not kept, so memory stays bounded.
    qsizetype run = 0;
    for (qsizetype i = m_events.size() - 1; i >= 0 && run < kEventRunKept; --i, ++run)
        if (m_events[i].name != name)
            break;
    if (run >= kEventRunKept) {
        ++m_events.last().repeats;
        return;
    }
    m_events.append({name, now()});
    emit updated();
}

void Exchange::mark(const QString &timing)
{
    if (!m_timings.contains(timing))
        m_timings.insert(timing, now());
}

void Exchange::wireFull()
{
    http::ClientRequest *req = m_request;
    connect(req, &http::ClientRequest::socketAssigned, this, [this](QIODevice *socket) {
        mark(QStringLiteral("socket"));
        logEvent(QStringLiteral("socket"));
        auto *stream = qobject_cast<http::StreamSocket *>(socket);
        if (!stream)
            return;
        if (m_agent)
            m_connection = {m_agent->socketPool(stream), m_agent->socketId(stream),
                            m_request->reusedSocket()};
        // Under TLS: connected at the TCP handshake, secureConnect once TLS is up.
        const QString ready =
            stream->isEncrypted() ? QStringLiteral("secureConnect") : QStringLiteral("connected");
        if (stream->isConnecting()) {
            connect(stream, &http::StreamSocket::tlsHandshakeStarted, this,
                    [this] { mark(QStringLiteral("connected")); });
            connect(stream, &http::StreamSocket::connected, this, [this, ready] {
                mark(QStringLiteral("connected"));
                mark(ready);
            });
        } else {
            mark(QStringLiteral("connected"));
        }
        connect(stream, &http::StreamSocket::tapped, this,
                [this](http::StreamSocket::Direction d, const QByteArray &bytes) {
                    capture(d, bytes);
                    emit updated();
                });
    });
    connect(req, &http::OutgoingMessage::finished, this, [this] {
        mark(QStringLiteral("requestSent"));
        logEvent(QStringLiteral("finish"));
    });
    connect(req, &http::ClientRequest::continueReceived, this,
            [this] { logEvent(QStringLiteral("continue")); });
    connect(req, &http::ClientRequest::informationReceived, this, [this] {
        mark(QStringLiteral("firstByte"));
        logEvent(QStringLiteral("information"));
    });
    connect(req, &http::ClientRequest::timedOut, this, [this] {
        logEvent(QStringLiteral("timeout"));
        if (m_timeoutIsError) {
            m_error = http::HttpError("ETIMEDOUT", QStringLiteral("no answer within the timeout"));
            m_request->destroy();
        }
    });
    connect(req, &http::ClientRequest::aborted, this,
            [this] { logEvent(QStringLiteral("abort")); });
    connect(req, &http::ClientRequest::upgradeResponded, this,
            [this] { logEvent(QStringLiteral("upgrade")); });
    connect(req, &http::ClientRequest::connectResponded, this,
            [this] { logEvent(QStringLiteral("connect")); });
    connect(req, &http::OutgoingMessage::errorOccurred, this, [this](const http::HttpError &e) {
        if (!m_error)
            m_error = e;
        logEvent(QStringLiteral("error"));
    });
    connect(req, &http::OutgoingMessage::closed, this, [this] {
        m_requestClosed = true;
        logEvent(QStringLiteral("close"));
        maybeFinish();
    });
    connect(req, &http::ClientRequest::responseReceived, this, [this](http::IncomingMessage *res) {
        m_res = res;
        mark(QStringLiteral("firstByte"));
        logEvent(QStringLiteral("response"));
        connect(res, &http::IncomingMessage::dataReceived, this, [this](const QByteArray &chunk) {
            m_body += chunk;
            logEvent(QStringLiteral("response.data"));
        });
        connect(res, &http::IncomingMessage::ended, this, [this] {
            mark(QStringLiteral("end"));
            logEvent(QStringLiteral("response.end"));
        });
        connect(res, &http::IncomingMessage::aborted, this,
                [this] { logEvent(QStringLiteral("response.aborted")); });
        connect(res, &http::IncomingMessage::errorOccurred, this, [this](const http::HttpError &e) {
            if (!m_error)
                m_error = e;
            logEvent(QStringLiteral("response.error"));
        });
        connect(res, &http::IncomingMessage::closed, this, [this] {
            m_responseClosed = true;
            logEvent(QStringLiteral("response.close"));
            maybeFinish();
        });
    });
}

void Exchange::capture(http::StreamSocket::Direction d, const QByteArray &bytes)
{
    (d == http::StreamSocket::Direction::Sent ? m_bytesSent : m_bytesReceived) += bytes.size();
    const double ms = now();
    // A chunk costs its bytes and this much more, so a peer sending a byte at a time cannot
    // make the capture's memory many times its limit.
    constexpr qint64 kChunkCost = 64;
    const auto joins = [d, ms](const QList<WireChunk> &chunks, qsizetype upTo) {
        return !chunks.isEmpty() && chunks.last().direction == d && ms - chunks.last().ms < 0.5 &&
               chunks.last().bytes.size() < upTo; // one write, split
    };
    // The head, while nothing has gone to the tail yet.
    qsizetype head = 0;
    if (m_wireTail.isEmpty()) {
        const bool join = joins(m_wire, std::numeric_limits<qsizetype>::max());
        const qint64 room = m_wireHeadLimit - m_wireKept - (join ? 0 : kChunkCost);
        head = qsizetype(qBound<qint64>(0, room, bytes.size()));
        if (head > 0) {
            m_wireKept += head + (join ? 0 : kChunkCost);
            if (join)
                m_wire.last().bytes += bytes.left(head);
            else
                m_wire.append({d, bytes.left(head), ms});
        }
    }
    if (head == bytes.size())
        return;
    // The tail: whole chunks, the oldest dropped (and counted) while the rest still fills it.
    // Chunks are joined only up to 64 KiB, so dropping never copies.
    const QByteArray rest = head > 0 ? bytes.mid(head) : bytes;
    if (joins(m_wireTail, 64 * 1024)) {
        m_wireTail.last().bytes += rest;
        m_wireTailKept += rest.size();
    } else {
        m_wireTail.append({d, rest, ms});
        m_wireTailKept += rest.size() + kChunkCost;
    }
    while (!m_wireTail.isEmpty() &&
           m_wireTailKept - m_wireTail.first().bytes.size() - kChunkCost >= m_wireTailLimit) {
        m_wireTailKept -= m_wireTail.first().bytes.size() + kChunkCost;
        m_wireOmitted += m_wireTail.first().bytes.size();
        m_wireTail.removeFirst();
    }
}

QList<Exchange::WireChunk> Exchange::wire() const
{
    if (m_wireTail.isEmpty())
        return m_wire;
    QList<WireChunk> all = m_wire + m_wireTail;
    all[m_wire.size()].omittedBefore = m_wireOmitted;
    return all;
}

void Exchange::wireOutcome()
{
    http::ClientRequest *req = m_request;
    connect(req, &http::OutgoingMessage::errorOccurred, this, [this](const http::HttpError &e) {
        if (!m_error)
            m_error = e;
    });
    connect(req, &http::OutgoingMessage::closed, this, [this] {
        m_requestClosed = true;
        maybeFinish();
    });
    connect(req, &http::ClientRequest::timedOut, this, [this] {
        if (m_timeoutIsError) {
            m_error = http::HttpError("ETIMEDOUT", QStringLiteral("no answer within the timeout"));
            m_request->destroy();
        }
    });
    connect(req, &http::ClientRequest::responseReceived, this, [this](http::IncomingMessage *res) {
        m_res = res;
        connect(res, &http::IncomingMessage::dataReceived, this, [](const QByteArray &) {});
        connect(res, &http::IncomingMessage::closed, this, [this] {
            m_responseClosed = true;
            maybeFinish();
        });
    });
}

void Exchange::maybeFinish()
{
    if (m_requestClosed && (!m_res || m_responseClosed))
        finish();
}

void Exchange::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_doneAt = now();
    emit done();
}

QByteArray Exchange::curlStyleHead() const
{
    if (!m_res)
        return {};
    QByteArray out = "HTTP/" + m_res->httpVersion() + ' ' +
                     QByteArray::number(m_res->statusCode()) + ' ' + m_res->statusMessage() +
                     "\r\n";
    const QByteArrayList &raw = m_res->rawHeaders();
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
        out += raw[i] + ": " + raw[i + 1] + "\r\n";
    out += "\r\n";
    return out;
}

} // namespace wb
