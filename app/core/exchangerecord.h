#pragma once

#include "exchange.h"
#include "httperror.h"

#include <QByteArrayList>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace wb {

/// One exchange as the response view shows it and history keeps it: the live state of an
/// Exchange (with the hops of redirects followed before it), or a history entry read back.
/// Widget-free; no Node equivalent.
class ExchangeRecord {
public:
    QString url; ///< the last hop's
    bool hasResponse = false;
    QByteArray httpVersion;
    int statusCode = 0;
    QByteArray statusMessage;
    QByteArrayList rawHeaders;
    QByteArrayList rawTrailers;
    QByteArray body;     ///< all of it, or (read back from history) its start
    qint64 bodySize = 0; ///< the whole body's size
    bool complete = false;
    http::HttpError error;
    QList<Exchange::Event> events;
    QMap<QString, double> timings;
    QList<Exchange::WireChunk> wire; ///< every hop's, in order (read back: the first bytes)
    qint64 wireOmitted = 0;          ///< bytes of wire not kept
    bool wireKept = true; ///< false: read back from history written before it kept the wire
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    double elapsedMs = 0;
    bool done = false;
    QStringList hops;                ///< "302 http://…/old" per redirect followed
    Exchange::Connection connection; ///< the Agent's socket that carried the last hop

    /// The exchange now; `hops` and `hopWire` come from the redirects before it.
    static ExchangeRecord of(const Exchange &exchange, const QStringList &hops = {},
                             const QList<Exchange::WireChunk> &hopWire = {});
    /// `send --json`'s object, shaped like Node's IncomingMessage plus error, timings and events.
    QJsonObject nodeJson() const;
    /// History's form: nodeJson() plus event times, sizes, hops and the wire, with the body and
    /// the wire kept up to `limit` bytes each (binary bodies as base64).
    QJsonObject toJson(qsizetype limit) const;
    static ExchangeRecord fromJson(const QJsonObject &o);
};

} // namespace wb
