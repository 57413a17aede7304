#include "wireframing.h"

WireFraming::WireFraming(bool responses)
    : m_responses(responses)
{
}

void WireFraming::lostTrack()
{
    m_state = State::UntilClose;
    m_line.clear();
    m_remaining = 0;
}

void WireFraming::endOfStream()
{
    if (m_state == State::UntilClose)
        m_state = State::Head;
    m_line.clear();
}

void WireFraming::headDone()
{
    const QByteArrayList lines = m_line.split('\n');
    m_line.clear();
    bool chunked = false;
    qint64 length = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "transfer-encoding")
            chunked = value.endsWith("chunked");
        else if (name == "content-length")
            length = value.toLongLong();
    }
    int status = 0;
    if (m_responses) {
        const QByteArrayList start = lines.value(0).split(' ');
        status = start.value(1).toInt();
    }
    if (status >= 100 && status < 200 && status != 101) {
        m_state = State::Head; // interim: the real head follows
    } else if (status == 101 || status == 204 || status == 304) {
        m_state = status == 101 ? State::UntilClose : State::Head;
    } else if (chunked) {
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_state = State::Body;
        m_remaining = length;
    } else if (length == 0 || !m_responses) {
        m_state = State::Head;
    } else {
        m_state = State::UntilClose;
    }
}

QList<WireFraming::Span> WireFraming::feed(const QByteArray &bytes)
{
    QList<Span> spans;
    auto add = [&](qsizetype start, qsizetype length, Part part) {
        if (length <= 0)
            return;
        if (!spans.isEmpty() && spans.last().part == part &&
            spans.last().start + spans.last().length == start)
            spans.last().length += length;
        else
            spans.append({start, length, part});
    };
    // Reads up to and including the next LF into m_line; false when the piece ends first.
    auto readLine = [&](qsizetype &at, Part part) {
        const qsizetype lf = bytes.indexOf('\n', at);
        const qsizetype end = lf < 0 ? bytes.size() : lf + 1;
        m_line += QByteArrayView(bytes).sliced(at, end - at);
        add(at, end - at, part);
        at = end;
        return lf >= 0;
    };
    qsizetype at = 0;
    while (at < bytes.size()) {
        switch (m_state) {
        case State::Head:
            if (!readLine(at, Part::Head)) {
                if (m_line.size() > kHeadLimit)
                    m_state = State::UntilClose; // not HTTP as far as we can tell
                break;
            }
            if (m_line.endsWith("\n\r\n") || m_line.endsWith("\n\n"))
                headDone();
            else if (m_line == "\r\n" || m_line == "\n")
                m_line.clear(); // a stray CRLF between messages
            break;
        case State::Body:
        case State::ChunkData: {
            const qsizetype n = qMin<qint64>(m_remaining, bytes.size() - at);
            add(at, n, Part::Body);
            at += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Head : State::ChunkEnd;
            break;
        }
        case State::UntilClose:
            add(at, bytes.size() - at, Part::Body);
            at = bytes.size();
            break;
        case State::ChunkSize:
        case State::ChunkEnd:
            if (!readLine(at, Part::ChunkFraming))
                break;
            if (m_state == State::ChunkEnd) {
                m_state = State::ChunkSize;
            } else {
                bool ok = false;
                m_remaining = m_line.split(';').first().trimmed().toLongLong(&ok, 16);
                m_state = !ok || m_remaining < 0 ? State::UntilClose
                          : m_remaining == 0     ? State::Trailers
                                                 : State::ChunkData;
            }
            m_line.clear();
            break;
        case State::Trailers: {
            const bool complete = readLine(at, Part::Trailers);
            if (complete) {
                if (m_line == "\r\n" || m_line == "\n")
                    m_state = State::Head;
                m_line.clear();
            }
            break;
        }
        }
    }
    return spans;
}
