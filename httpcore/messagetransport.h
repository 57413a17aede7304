#pragma once

namespace http {

class HttpError;

/// What a message asks of the connection it travels on (Node reaches these through `socket`).
class MessageTransport {
public:
    virtual ~MessageTransport() = default;
    /// Stop or restart reading from the peer (a readable's backpressure).
    virtual void setReadingPaused(bool paused) = 0;
    /// `socket.setTimeout(msecs)`: inactivity timeout; 0 turns it off.
    virtual void setSocketTimeout(int msecs) = 0;
    /// `socket.destroy([error])`: the error reaches whoever listens to the socket's errors.
    virtual void destroySocket(const HttpError &error) = 0;
};

} // namespace http
