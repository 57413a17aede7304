#pragma once

#include "clientrequest.h"
#include "httperror.h"
#include "request.h"
#include "streamsocket.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <QFile>

#include <functional>
#include <memory>

namespace http {
class Agent;
class IncomingMessage;
} // namespace http

namespace wb {

/// One request through httpcore, observed the way Wirebench shows it: Node's events in order with
/// their times, the response, the exact bytes both ways, and the outcome. Used by `send` and the
/// desktop app.
class Exchange : public QObject {
    Q_OBJECT
public:
    /// Full: events, timings, body and wire bytes. Outcome: only what --repeat counts.
    enum class Detail { Full, Outcome };

    struct Event {
        QString name; ///< Node's: socket, finish, response, response.data…
        double ms = 0;
        qint64 repeats = 0; ///< more of the same right after, counted, not kept
    };
    struct WireChunk {
        http::StreamSocket::Direction direction;
        QByteArray bytes;
        double ms = 0;
        qint64 omittedBefore = 0; ///< bytes not kept between the previous chunk and this one
    };

    /// `agent` null: Node's `agent: false`, a one-off connection.
    Exchange(const Request::Prepared &request, http::Agent *agent, Detail detail,
             QObject *parent = nullptr);
    ~Exchange() override;

    /// Cancels: Node's `req.destroy()`.
    void cancel();

    /// Which of the Agent's sockets carried it (DevTools' Connection ID), for Detail::Full.
    struct Connection {
        QString pool;        ///< the Agent's getName() group
        quint64 socket = 0;  ///< Agent::socketId(); 0: none (no agent, or never got one)
        bool reused = false; ///< req.reusedSocket
    };
    const Connection &connection() const { return m_connection; }

    http::ClientRequest *request() const { return m_request; }
    const QUrl &url() const { return m_url; }
    http::IncomingMessage *response() const { return m_res; }
    const http::HttpError &error() const { return m_error; }
    bool isDone() const { return m_done; }
    bool complete() const;
    int statusCode() const;
    double elapsedMs() const;
    const QByteArray &body() const { return m_body; }
    const QList<Event> &events() const { return m_events; }
    /// A run of one event longer than this keeps only its start; the last one kept counts the
    /// rest (Event::repeats).
    static constexpr qsizetype kEventRunKept = 50;
    const QMap<QString, double> &timings() const { return m_timings; }
    /// The bytes both ways as captured: the first Prepared::wireHead of them and the last
    /// Prepared::wireTail (a peer may send without end: endless 1xx responses, headers, a huge
    /// body); the first tail chunk's omittedBefore, and wireOmitted(), count the middle.
    QList<WireChunk> wire() const;
    qint64 wireOmitted() const { return m_wireOmitted; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }

    /// `curl -i` up to the body: status line, headers as received, blank line (the body follows
    /// from body(), written as it is, without a copy).
    QByteArray curlStyleHead() const;

Q_SIGNALS:
    /// Something new: an event, bytes, a body chunk.
    void updated();
    /// The request and its response are closed (or the request failed).
    void done();

private:
    double now() const;
    void logEvent(const QString &name);
    void mark(const QString &timing);
    void wireFull();
    void capture(http::StreamSocket::Direction direction, const QByteArray &bytes);
    void wireOutcome();
    void maybeFinish();
    /// Writes the next pieces of m_bodyFile until the socket's buffer is full, then end().
    void pumpBodyFile();
    void finish();

    QElapsedTimer m_clock;
    QUrl m_url;
    std::unique_ptr<QFile> m_bodyFile;
    http::ClientRequest *m_request = nullptr;
    http::Agent *m_agent = nullptr;
    Connection m_connection;
    QPointer<http::IncomingMessage> m_res;
    http::HttpError m_error;
    QByteArray m_body;
    QList<Event> m_events;
    QMap<QString, double> m_timings;
    QList<WireChunk> m_wire; ///< the head of the capture
    QList<WireChunk> m_wireTail;
    qint64 m_wireHeadLimit = 0, m_wireTailLimit = 0;
    qint64 m_wireKept = 0, m_wireTailKept = 0;
    qint64 m_wireOmitted = 0;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    double m_doneAt = -1;
    bool m_timeoutIsError = false;
    bool m_requestClosed = false;
    bool m_responseClosed = false;
    bool m_done = false;
};

} // namespace wb
