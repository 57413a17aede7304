#include "incomingmessage.h"

#include "messagetransport.h"
#include "nexttick.h"

#include <QIODevice>
#include <QMetaMethod>

namespace http {

IncomingMessage::IncomingMessage(QObject *parent)
    : QObject(parent)
{
}

IncomingMessage::~IncomingMessage() = default;

QByteArray IncomingMessage::httpVersion() const
{
    return QByteArray::number(m_versionMajor) + '.' + QByteArray::number(m_versionMinor);
}

void IncomingMessage::setHead(int major, int minor, QByteArray method, QByteArray url,
                              int statusCode, QByteArray statusMessage, QByteArrayList rawHeaders,
                              bool joinDuplicates)
{
    m_versionMajor = major;
    m_versionMinor = minor;
    m_method = std::move(method);
    m_url = std::move(url);
    m_statusCode = statusCode;
    m_statusMessage = std::move(statusMessage);
    m_rawHeaders = std::move(rawHeaders);
    m_joinDuplicates = joinDuplicates;
    m_headersBuilt = false;
}

const Headers &IncomingMessage::headers() const
{
    if (!m_headersBuilt) {
        m_headers = Headers::fromRaw(m_rawHeaders, m_joinDuplicates);
        m_headersBuilt = true;
    }
    return m_headers;
}

void IncomingMessage::setTransport(QIODevice *socket, MessageTransport *transport)
{
    m_socket = socket;
    m_transport = transport;
}

void IncomingMessage::destroy(const HttpError &error)
{
    if (m_destroyed)
        return;
    m_destroyed = true;
    // Node's readableEnded: 'end' was emitted to a reader and nothing is left to read.
    const bool readToTheEnd = m_complete && m_endEmitted && m_readStarted && m_buffered == 0;
    m_closeHeld = !m_closed;
    m_buffer.clear();
    m_buffered = 0;
    if (!readToTheEnd) {
        m_aborted = true;
        emit aborted();
        if (m_transport)
            m_transport->destroySocket(error);
    }
    NextTick::post(this, [this, error] {
        static const QMetaMethod errorSignal =
            QMetaMethod::fromSignal(&IncomingMessage::errorOccurred);
        if (!error.isNull() && isSignalConnected(errorSignal))
            emit errorOccurred(error);
        m_closeHeld = false;
        emitClose();
    });
}

void IncomingMessage::setTimeout(int msecs)
{
    if (m_transport)
        m_transport->setSocketTimeout(msecs);
}

bool IncomingMessage::flowing() const
{
    static const QMetaMethod data = QMetaMethod::fromSignal(&IncomingMessage::dataReceived);
    return !m_paused && (m_resumed || isSignalConnected(data));
}

void IncomingMessage::connectNotify(const QMetaMethod &signal)
{
    // As Node's on('data'): the stream starts flowing on the next tick.
    if (signal == QMetaMethod::fromSignal(&IncomingMessage::dataReceived))
        NextTick::post(this, [this] { flush(); });
}

void IncomingMessage::pause()
{
    m_paused = true;
}

void IncomingMessage::resume()
{
    m_paused = false;
    m_resumed = true; // Node's flowing mode: data nobody listens to is dropped
    NextTick::post(this, [this] { flush(); });
}

QByteArray IncomingMessage::read()
{
    m_readStarted = true;
    QByteArray all;
    all.reserve(m_buffered);
    for (const QByteArray &chunk : std::as_const(m_buffer))
        all += chunk;
    m_buffer.clear();
    m_buffered = 0;
    updatePressure();
    return all;
}

void IncomingMessage::pushBody(const QByteArray &data)
{
    if (m_dumped || m_destroyed || data.isEmpty())
        return;
    // Straight through only once reading has started; before that (Node's `state.sync`), data
    // waits for the tick on which the stream starts flowing, even with a listener attached.
    if (m_buffered == 0 && m_readStarted && flowing()) {
        emit dataReceived(data);
        return;
    }
    m_buffer.append(data);
    m_buffered += data.size();
    updatePressure();
}

void IncomingMessage::pushEnd(QByteArrayList rawTrailers)
{
    m_complete = true;
    if (!rawTrailers.isEmpty()) {
        m_trailers = Headers::fromRaw(rawTrailers, m_joinDuplicates);
        m_rawTrailers = std::move(rawTrailers);
    }
    m_endPending = true;
    maybeEnd();
}

void IncomingMessage::flush()
{
    m_readStarted = m_readStarted || flowing();
    while (!m_buffer.isEmpty() && flowing()) {
        const QByteArray chunk = m_buffer.takeFirst();
        m_buffered -= chunk.size();
        emit dataReceived(chunk);
    }
    updatePressure();
    maybeEnd();
}

void IncomingMessage::maybeEnd()
{
    if (!m_endPending || m_endEmitted)
        return;
    // With a data listener, end waits for the buffer to drain; without one the data stays
    // available to read() and end is not held back.
    if (m_buffered > 0 && flowing())
        return;
    if (m_paused && m_buffered > 0)
        return;
    m_endPending = false;
    m_endEmitted = true;
    // Node emits `end` on the next tick, after the parser has finished the current buffer.
    NextTick::post(this, [this] { emit ended(); });
}

void IncomingMessage::updatePressure()
{
    const bool pressure = m_buffered >= m_readableHighWaterMark;
    if (pressure == m_pressure)
        return;
    m_pressure = pressure;
    if (m_transport)
        m_transport->setReadingPaused(pressure);
}

void IncomingMessage::abort()
{
    if (m_destroyed)
        return;
    if (!m_complete) {
        // Node emits 'aborted' at once; 'error' and 'close' follow on the next tick.
        m_aborted = true;
        emit aborted();
        NextTick::post(this, [this] {
            emit errorOccurred(HttpError("ECONNRESET", QStringLiteral("aborted")));
            emitClose();
        });
        return;
    }
    emitClose();
}

void IncomingMessage::dump()
{
    m_dumped = true;
    m_paused = false;
    m_buffer.clear();
    m_buffered = 0;
    updatePressure();
}

void IncomingMessage::emitClose()
{
    if (m_closed || m_closeHeld)
        return;
    m_closed = true;
    m_transport = nullptr;
    emit closed();
}

bool IncomingMessage::emitTimeout()
{
    if (!isSignalConnected(QMetaMethod::fromSignal(&IncomingMessage::timedOut)))
        return false;
    emit timedOut();
    return true;
}

} // namespace http
