#include "outgoingmessage.h"

#include "http.h"
#include "nexttick.h"
#include "streamsocket.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QLocalSocket>

#include <cstdio>

namespace http {

namespace {

bool isCookieField(QByteArrayView name)
{
    return name.size() == 6 && name.compare("cookie", Qt::CaseInsensitive) == 0;
}

// Node's utcDate(): the IMF-fixdate of the current second, cached.
const QByteArray &utcDate()
{
    static thread_local qint64 cachedSecond = -1;
    static thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        const QDateTime t = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
        const QDate d = t.date();
        const QTime tm = t.time();
        char buffer[40];
        const int n = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                    days[d.dayOfWeek() - 1], d.day(), months[d.month() - 1],
                                    d.year(), tm.hour(), tm.minute(), tm.second());
        cached = QByteArray(buffer, n);
        cachedSecond = now;
    }
    return cached;
}

HttpError headersSentError(const char *action)
{
    return HttpError("ERR_HTTP_HEADERS_SENT",
                     QStringLiteral("Cannot %1 headers after they are sent to the client")
                         .arg(QLatin1String(action)));
}

HttpError contentLengthMismatch(qint64 actual, qint64 expected)
{
    return HttpError("ERR_HTTP_CONTENT_LENGTH_MISMATCH",
                     QStringLiteral("Response body's content-length of %1 byte(s) does not match "
                                    "the content-length of %2 byte(s) set in header")
                         .arg(actual)
                         .arg(expected));
}

} // namespace

OutgoingMessage::OutgoingMessage(QObject *parent)
    : QObject(parent)
{
}

OutgoingMessage::~OutgoingMessage() = default;

OutgoingMessage::HeaderEntry *OutgoingMessage::findHeader(QByteArrayView name)
{
    for (HeaderEntry &e : m_headers)
        if (e.name.size() == name.size() &&
            QByteArrayView(e.name).compare(name, Qt::CaseInsensitive) == 0)
            return &e;
    return nullptr;
}

const OutgoingMessage::HeaderEntry *OutgoingMessage::findHeader(QByteArrayView name) const
{
    return const_cast<OutgoingMessage *>(this)->findHeader(name);
}

HttpError OutgoingMessage::setHeader(const QByteArray &name, const QByteArray &value)
{
    if (headersSent())
        return headersSentError("set");
    if (HttpError e = http::validateHeaderName(name))
        return e;
    if (HttpError e = http::validateHeaderValue(name, value))
        return e;
    if (HeaderEntry *e = findHeader(name))
        *e = {name, {value}, false};
    else
        m_headers.append({name, {value}, false});
    return {};
}

HttpError OutgoingMessage::setHeader(const QByteArray &name, const QByteArrayList &values)
{
    if (headersSent())
        return headersSentError("set");
    if (HttpError e = http::validateHeaderName(name))
        return e;
    for (const QByteArray &v : values)
        if (HttpError e = http::validateHeaderValue(name, v))
            return e;
    if (HeaderEntry *e = findHeader(name))
        *e = {name, values, true};
    else
        m_headers.append({name, values, true});
    return {};
}

HttpError OutgoingMessage::setHeaders(const HeaderList &headers)
{
    if (headersSent())
        return headersSentError("set");
    QByteArrayList cookies;
    for (const auto &[name, value] : headers) {
        if (name == "set-cookie")
            cookies.append(value);
        else if (HttpError e = setHeader(name, value))
            return e;
    }
    if (!cookies.isEmpty())
        return setHeader("set-cookie", cookies);
    return {};
}

HttpError OutgoingMessage::appendHeader(const QByteArray &name, const QByteArray &value)
{
    if (headersSent())
        return headersSentError("append");
    if (HttpError e = http::validateHeaderName(name))
        return e;
    if (HttpError e = http::validateHeaderValue(name, value))
        return e;
    HeaderEntry *e = findHeader(name);
    if (!e)
        return setHeader(name, value);
    e->values.append(value);
    e->isList = true;
    return {};
}

QByteArray OutgoingMessage::getHeader(QByteArrayView name) const
{
    const HeaderEntry *e = findHeader(name);
    return e ? e->values.join(", ") : QByteArray();
}

QByteArrayList OutgoingMessage::getHeaderValues(QByteArrayView name) const
{
    const HeaderEntry *e = findHeader(name);
    return e ? e->values : QByteArrayList();
}

QByteArrayList OutgoingMessage::getHeaderNames() const
{
    QByteArrayList names;
    names.reserve(m_headers.size());
    for (const HeaderEntry &e : m_headers)
        names.append(e.name.toLower());
    return names;
}

QByteArrayList OutgoingMessage::getRawHeaderNames() const
{
    QByteArrayList names;
    names.reserve(m_headers.size());
    for (const HeaderEntry &e : m_headers)
        names.append(e.name);
    return names;
}

Headers OutgoingMessage::getHeaders() const
{
    Headers headers;
    for (const HeaderEntry &e : m_headers)
        headers.insert(e.name.toLower(), e.values, e.isList);
    return headers;
}

bool OutgoingMessage::hasHeader(QByteArrayView name) const
{
    return findHeader(name) != nullptr;
}

HttpError OutgoingMessage::removeHeader(QByteArrayView name)
{
    if (headersSent())
        return headersSentError("remove");
    const QByteArray key = name.toByteArray().toLower();
    if (key == "connection")
        m_removedConnection = true;
    else if (key == "content-length")
        m_removedContLen = true;
    else if (key == "transfer-encoding")
        m_removedTE = true;
    else if (key == "date")
        m_sendDate = false;
    m_headers.removeIf([&](const HeaderEntry &e) { return e.name.toLower() == key; });
    return {};
}

HttpError OutgoingMessage::addTrailers(const HeaderList &trailers)
{
    QByteArray text;
    for (const auto &[field, value] : trailers) {
        if (HttpError e = http::validateHeaderName(field, "Trailer name"))
            return e;
        if (http::checkInvalidHeaderChar(value))
            return HttpError("ERR_INVALID_CHAR",
                             QStringLiteral("Invalid character in trailer content [\"%1\"]")
                                 .arg(QString::fromLatin1(field)));
        text += field + ": " + value + "\r\n";
    }
    m_trailer = text;
    return {};
}

bool OutgoingMessage::isUniqueHeader(QByteArrayView name) const
{
    for (const QByteArray &unique : m_uniqueHeaders)
        if (unique.size() == name.size() && name.compare(unique, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

HttpError OutgoingMessage::storeHeader(const QByteArray &firstLine,
                                       const QList<HeaderEntry> *direct)
{
    const bool validate = direct != nullptr;
    const QList<HeaderEntry> &entries = direct ? *direct : m_headers;
    bool connection = false, contLen = false, te = false, date = false, expect = false,
         trailer = false;
    QByteArray header = firstLine;
    header.reserve(firstLine.size() + 160);

    auto matchHeader = [&](const QByteArray &field, const QByteArray &value) {
        if (field.size() < 4 || field.size() > 17)
            return;
        const auto is = [&field](QByteArrayView name) {
            return field.size() == name.size() && field.compare(name, Qt::CaseInsensitive) == 0;
        };
        if (is("connection")) {
            connection = true;
            m_removedConnection = false;
            if (http::containsWord(value, "close"))
                m_last = true;
            else
                m_shouldKeepAlive = true;
        } else if (is("transfer-encoding")) {
            te = true;
            m_removedTE = false;
            if (http::containsWord(value, "chunked"))
                m_chunkedEncoding = true;
        } else if (is("content-length")) {
            contLen = true;
            bool ok = false;
            const qint64 n = value.trimmed().toLongLong(&ok);
            m_contentLength = ok ? std::optional<qint64>(n) : std::nullopt;
            m_removedContLen = false;
        } else if (is("date")) {
            date = true;
        } else if (is("expect")) {
            expect = true;
        } else if (is("trailer")) {
            trailer = true;
        } else if (is("keep-alive")) {
            m_defaultKeepAlive = false;
        }
    };
    auto storeLine = [&](const QByteArray &field, const QByteArray &value) -> HttpError {
        if (validate)
            if (HttpError e = http::validateHeaderValue(field, value))
                return e;
        header += field;
        header += ": ";
        header += value;
        header += "\r\n";
        matchHeader(field, value);
        return {};
    };

    for (const HeaderEntry &entry : entries) {
        if (validate)
            if (HttpError e = http::validateHeaderName(entry.name))
                return e;
        if (entry.isList && (entry.values.size() < 2 || !isCookieField(entry.name)) &&
            !isUniqueHeader(entry.name)) {
            for (const QByteArray &v : entry.values)
                if (HttpError e = storeLine(entry.name, v))
                    return e;
        } else if (HttpError e =
                       storeLine(entry.name, entry.values.size() == 1 ? entry.values.first()
                                                                      : entry.values.join("; "))) {
            return e;
        }
    }

    if (m_sendDate && !date) {
        header += "Date: ";
        header += utcDate();
        header += "\r\n";
    }

    // A chunked 204/304 would put a body where none may be: drop it and close instead.
    const int status = statusForHead();
    if (m_chunkedEncoding && (status == 204 || status == 304)) {
        m_chunkedEncoding = false;
        m_shouldKeepAlive = false;
    }

    if (m_removedConnection) {
        m_last = !m_shouldKeepAlive;
    } else if (!connection) {
        const bool shouldSendKeepAlive =
            m_shouldKeepAlive && (contLen || m_useChunkedEncodingByDefault || isClientAgent());
        if (shouldSendKeepAlive && m_maxRequestsOnConnectionReached) {
            header += "Connection: close\r\n";
        } else if (shouldSendKeepAlive) {
            header += "Connection: keep-alive\r\n";
            if (m_keepAliveTimeout && m_defaultKeepAlive) {
                header += "Keep-Alive: timeout=";
                header += QByteArray::number(m_keepAliveTimeout / 1000);
                if (m_maxRequestsPerSocket > 0) {
                    header += ", max=";
                    header += QByteArray::number(m_maxRequestsPerSocket);
                }
                header += "\r\n";
            }
        } else {
            m_last = true;
            header += "Connection: close\r\n";
        }
    }

    if (!contLen && !te) {
        if (!m_hasBody) {
            m_chunkedEncoding = false;
        } else if (!m_useChunkedEncodingByDefault) {
            m_last = true;
        } else if (!trailer && !m_removedContLen && m_contentLength) {
            header += "Content-Length: ";
            header += QByteArray::number(*m_contentLength);
            header += "\r\n";
        } else if (!m_removedTE) {
            header += "Transfer-Encoding: chunked\r\n";
            m_chunkedEncoding = true;
        } else {
            m_last = true; // no framing left: the body ends when the connection does
        }
    }

    if (!m_chunkedEncoding && trailer)
        return HttpError("ERR_HTTP_TRAILER_INVALID",
                         QStringLiteral("Trailers are invalid with this transfer encoding"));

    header += "\r\n";
    m_header = std::move(header);
    m_headerSent = false;
    if (expect)
        send(QByteArray());
    return {};
}

bool OutgoingMessage::contentLengthIsStrict() const
{
    return m_strictContentLength && m_contentLength && m_hasBody && !m_removedContLen &&
           !m_chunkedEncoding && !hasHeader("transfer-encoding");
}

HttpError OutgoingMessage::countBodyBytes(qint64 length, bool fromEnd)
{
    if (!m_strictContentLength)
        return {};
    const qint64 total = m_bytesWritten + length;
    if (contentLengthIsStrict() && (fromEnd ? total != *m_contentLength : total > *m_contentLength))
        return contentLengthMismatch(total, *m_contentLength);
    m_bytesWritten = total;
    return {};
}

bool OutgoingMessage::write(const QByteArray &chunk)
{
    if (!m_finished && !m_destroyed) {
        if (HttpError e = countBodyBytes(chunk.size(), false)) {
            emit errorOccurred(e);
            return false;
        }
    }
    const bool ok = writeBody(chunk, false);
    if (!ok)
        m_needDrain = true;
    return ok;
}

bool OutgoingMessage::writeBody(const QByteArray &chunk, bool fromEnd)
{
    HttpError error;
    if (m_finished)
        error = HttpError("ERR_STREAM_WRITE_AFTER_END", QStringLiteral("write after end"));
    else if (m_destroyed)
        error = HttpError("ERR_STREAM_DESTROYED",
                          QStringLiteral("Cannot call write after a stream was destroyed"));
    if (!error && m_header.isNull()) {
        if (fromEnd)
            m_contentLength = chunk.size();
        error = implicitHeader();
    }
    if (error) {
        NextTick::post(this, [this, error] { emit errorOccurred(error); });
        return false;
    }
    if (!m_hasBody)
        return true; // Node ignores bodies of HEAD, 1xx, 204 and 304 answers
    if (m_chunkedEncoding && !chunk.isEmpty()) {
        QByteArray framed = QByteArray::number(chunk.size(), 16);
        framed.reserve(framed.size() + chunk.size() + 4);
        framed += "\r\n";
        framed += chunk;
        framed += "\r\n";
        send(framed);
    } else {
        send(chunk);
    }
    if (m_socket)
        return m_socket->bytesToWrite() < m_highWaterMark;
    return m_output.size() < m_highWaterMark;
}

HttpError OutgoingMessage::end(const QByteArray &data)
{
    if (!data.isEmpty()) {
        if (m_finished) {
            const HttpError error("ERR_STREAM_WRITE_AFTER_END", QStringLiteral("write after end"));
            NextTick::post(this, [this, error] { emit errorOccurred(error); });
            return {};
        }
        if (HttpError e = countBodyBytes(data.size(), true))
            return e;
        if (m_header.isNull()) {
            m_contentLength = data.size();
            if (HttpError e = implicitHeader())
                return e;
        }
        if (contentLengthIsStrict() && m_bytesWritten != *m_contentLength)
            return contentLengthMismatch(m_bytesWritten, *m_contentLength);
        ++m_corked;
        writeBody(data, true);
        --m_corked;
    } else if (m_finished) {
        return {};
    } else if (m_header.isNull()) {
        m_contentLength = 0;
        if (HttpError e = implicitHeader())
            return e;
    }
    if (contentLengthIsStrict() && m_bytesWritten != *m_contentLength)
        return contentLengthMismatch(m_bytesWritten, *m_contentLength);

    ++m_corked;
    if (m_hasBody && m_chunkedEncoding) {
        QByteArray last = "0\r\n";
        last += m_trailer;
        last += "\r\n";
        send(last);
    } else if (!m_headerSent || !data.isEmpty()) {
        send(QByteArray());
    }
    m_corked = 0;
    m_finished = true;
    flushOutput();
    finishWhenFlushed();
    return {};
}

HttpError OutgoingMessage::flushHeaders()
{
    if (m_header.isNull())
        if (HttpError e = implicitHeader())
            return e;
    send(QByteArray());
    return {};
}

void OutgoingMessage::cork()
{
    ++m_corked;
}

void OutgoingMessage::uncork()
{
    if (m_corked > 0 && --m_corked == 0)
        flushOutput();
}

void OutgoingMessage::destroy()
{
    m_destroyed = true;
    if (auto *stream = qobject_cast<StreamSocket *>(m_socket))
        stream->abort();
    else if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_socket))
        local->abort();
    else if (m_socket)
        m_socket->close();
}

void OutgoingMessage::send(const QByteArray &data)
{
    if (!m_headerSent && !m_header.isNull()) {
        m_headerSent = true;
        if (data.isEmpty()) {
            writeRaw(m_header);
        } else {
            QByteArray both;
            both.reserve(m_header.size() + data.size());
            both += m_header;
            both += data;
            writeRaw(both);
        }
        return;
    }
    if (!data.isEmpty())
        writeRaw(data);
}

void OutgoingMessage::writeRaw(const QByteArray &data)
{
    if (m_destroyed)
        return;
    if (m_socket && m_corked == 0 && m_output.isEmpty()) {
        m_socket->write(data);
        return;
    }
    m_output += data;
    if (m_socket && m_corked == 0)
        flushOutput();
}

void OutgoingMessage::flushOutput()
{
    if (!m_socket || m_corked > 0 || m_output.isEmpty())
        return;
    m_socket->write(m_output);
    m_output.clear();
}

void OutgoingMessage::finishWhenFlushed()
{
    if (!m_socket || !m_output.isEmpty()) {
        m_finishPending = true;
        return;
    }
    // Node's 'finish' waits until the socket took the last byte: not while it still connects,
    // nor while the kernel's buffer is full.
    if (auto *stream = qobject_cast<StreamSocket *>(m_socket);
        stream && (stream->isConnecting() || stream->bytesToWrite() > 0)) {
        m_finishPending = true;
        connect(
            stream, &QIODevice::bytesWritten, this,
            [this] {
                m_finishPending = false;
                finishWhenFlushed();
            },
            Qt::SingleShotConnection);
        return;
    }
    m_finishPending = false;
    NextTick::post(this, [this] {
        m_writableFinished = true;
        finishedHook();
        emit finished();
    });
}

void OutgoingMessage::assignSocket(QIODevice *socket)
{
    m_socket = socket;
    flushOutput();
    if (m_finishPending)
        finishWhenFlushed();
    else if (m_needDrain && !m_finished) {
        m_needDrain = false;
        emit drained();
    }
}

void OutgoingMessage::detachSocket()
{
    m_socket = nullptr;
}

void OutgoingMessage::emitClose()
{
    if (m_closed)
        return;
    m_closed = true;
    m_destroyed = true;
    emit closed();
}

void OutgoingMessage::socketDrained()
{
    if (!m_needDrain || m_finished || !m_socket || m_socket->bytesToWrite() >= m_highWaterMark)
        return;
    m_needDrain = false;
    emit drained();
}

} // namespace http
