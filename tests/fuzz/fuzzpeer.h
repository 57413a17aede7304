#pragma once

#include <QByteArrayView>
#include <QtGlobal>

/// The far end of a socketpair, played by a fuzz target: it writes the input to the near end
/// (which a StreamSocket takes), reads and drops what comes back, and turns Qt's event loop in
/// between. No Node equivalent: a peer on the wire.
class FuzzPeer {
public:
    FuzzPeer();
    ~FuzzPeer();
    FuzzPeer(const FuzzPeer &) = delete;
    FuzzPeer &operator=(const FuzzPeer &) = delete;

    /// The near end's descriptor, for a StreamSocket to own.
    qintptr takeNearEnd();
    /// Writes every byte (turning the loop while the pair is full), then lets the other side run.
    void send(QByteArrayView bytes);
    /// The peer's FIN (shutdown of its writing side), or its close (a reset when bytes are unread).
    void shutdownWrite();
    void close();
    /// Turns the event loop a few times: reads, next ticks, posted and deferred deletes.
    void settle();

private:
    void drain();

    int m_far = -1;
    int m_near = -1;
};
