#pragma once

#include <QByteArray>
#include <QList>

/// Follows one direction of an HTTP/1.1 connection, a piece at a time, and says which bytes are
/// a message head, body, chunk framing (size lines and the CRLF after each chunk) or trailers —
/// what the wire view colours. 1xx interim responses are heads followed by another head. Node
/// has no equivalent (its parser is llhttp; this only needs to find boundaries).
class WireFraming {
public:
    enum class Part { Head, Body, ChunkFraming, Trailers };
    struct Span {
        qsizetype start = 0; ///< in the bytes passed to feed()
        qsizetype length = 0;
        Part part = Part::Head;
        friend bool operator==(const Span &, const Span &) = default;
    };

    /// `responses`: the stream carries responses (status lines; a body without framing runs to
    /// the end of the connection); else requests (no framing: no body).
    explicit WireFraming(bool responses);

    /// The parts of `bytes`, the next piece of the stream, in order.
    QList<Span> feed(const QByteArray &bytes);
    /// The connection ended (a new one may follow): a body running to the close ends here.
    void endOfStream();
    /// Bytes went missing (not kept): what follows is shown as body, unframed, until the
    /// connection ends.
    void lostTrack();

    /// A head longer than this is taken for bytes that are not HTTP (Node stops at 16 KiB).
    static constexpr qsizetype kHeadLimit = 256 * 1024;

private:
    enum class State { Head, Body, UntilClose, ChunkSize, ChunkData, ChunkEnd, Trailers };
    void headDone();

    bool m_responses;
    State m_state = State::Head;
    QByteArray m_line;      // the head, size line or trailer line read so far
    qint64 m_remaining = 0; // body or chunk bytes still to come
};
