#include "exchangerecord.h"

#include "headers.h"
#include "incomingmessage.h"

#include <QJsonArray>
#include <QStringDecoder>

namespace wb {

namespace {

QJsonArray latin1List(const QByteArrayList &list)
{
    QJsonArray a;
    for (const QByteArray &v : list)
        a.append(QString::fromLatin1(v));
    return a;
}

QByteArrayList latin1Bytes(const QJsonValue &value)
{
    QByteArrayList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString().toLatin1());
    return out;
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(decoder(bytes));
    return !decoder.hasError();
}

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

ExchangeRecord ExchangeRecord::of(const Exchange &x, const QStringList &hops,
                                  const QList<Exchange::WireChunk> &hopWire)
{
    ExchangeRecord r;
    r.url = x.url().toString();
    if (const http::IncomingMessage *res = x.response()) {
        r.hasResponse = true;
        r.httpVersion = res->httpVersion();
        r.statusCode = res->statusCode();
        r.statusMessage = res->statusMessage();
        r.rawHeaders = res->rawHeaders();
        r.rawTrailers = res->rawTrailers();
        r.complete = res->complete();
    }
    r.body = x.body();
    r.bodySize = x.body().size();
    r.error = x.error();
    r.events = x.events();
    r.timings = x.timings();
    r.wire = hopWire.isEmpty() ? x.wire() : hopWire + x.wire();
    r.wireOmitted = x.wireOmitted();
    r.bytesSent = x.bytesSent();
    r.bytesReceived = x.bytesReceived();
    r.elapsedMs = x.elapsedMs();
    r.done = x.isDone();
    r.hops = hops;
    r.connection = x.connection();
    return r;
}

QJsonObject ExchangeRecord::nodeJson() const
{
    QJsonObject o;
    if (hasResponse) {
        o.insert(key("statusCode"), statusCode);
        o.insert(key("statusMessage"), QString::fromLatin1(statusMessage));
        o.insert(key("httpVersion"), QString::fromLatin1(httpVersion));
        o.insert(key("rawHeaders"), latin1List(rawHeaders));
        o.insert(key("headers"), http::Headers::fromRaw(rawHeaders).toJson());
        o.insert(key("rawTrailers"), latin1List(rawTrailers));
        o.insert(key("trailers"), http::Headers::fromRaw(rawTrailers).toJson());
        o.insert(key("body"), QString::fromUtf8(body));
    }
    o.insert(key("complete"), complete);
    if (error)
        o.insert(key("error"), QJsonObject{{key("code"), QString::fromLatin1(error.code())},
                                           {key("message"), error.message()}});
    QJsonObject t;
    for (auto it = timings.cbegin(); it != timings.cend(); ++it)
        t.insert(it.key(), it.value());
    o.insert(key("timings"), t);
    QJsonArray names;
    qint64 omitted = 0;
    for (const Exchange::Event &e : events) {
        names.append(e.name);
        omitted += e.repeats;
    }
    o.insert(key("events"), names);
    if (omitted > 0) // a flood of one event (1xx answers): its start is listed, the rest counted
        o.insert(key("eventsOmitted"), omitted);
    return o;
}

QJsonObject ExchangeRecord::toJson(qsizetype limit) const
{
    QJsonObject o = nodeJson();
    if (hasResponse) {
        // A text body cut in the middle of a character is still text.
        QByteArray kept = body.left(limit);
        for (int back = 1; back <= 3 && kept.size() > back && !isUtf8(kept); ++back)
            if (isUtf8(body.left(limit - back)))
                kept = body.left(limit - back);
        o.remove(key("body"));
        if (isUtf8(kept))
            o.insert(key("body"), QString::fromUtf8(kept));
        else
            o.insert(key("bodyBase64"), QString::fromLatin1(kept.toBase64()));
        o.insert(key("bodySize"), bodySize);
    }
    QJsonArray times;
    QJsonArray repeats; // [index, count] for the events followed by a counted run
    for (qsizetype i = 0; i < events.size(); ++i) {
        times.append(events[i].ms);
        if (events[i].repeats > 0)
            repeats.append(QJsonArray{i, events[i].repeats});
    }
    o.insert(key("eventTimes"), times);
    if (!repeats.isEmpty())
        o.insert(key("eventRepeats"), repeats);
    QJsonArray chunks;
    qsizetype kept = 0;
    qint64 omitted = wireOmitted;
    for (const Exchange::WireChunk &c : wire) {
        const qsizetype take = qMin(c.bytes.size(), limit - kept);
        omitted += c.bytes.size() - take;
        if (take <= 0)
            continue;
        QJsonObject chunk{{key("sent"), c.direction == http::StreamSocket::Direction::Sent},
                          {key("ms"), c.ms},
                          {key("base64"), QString::fromLatin1(c.bytes.left(take).toBase64())}};
        if (c.omittedBefore > 0)
            chunk.insert(key("omittedBefore"), c.omittedBefore);
        chunks.append(chunk);
        kept += take;
    }
    o.insert(key("wire"), chunks);
    if (omitted > 0)
        o.insert(key("wireOmitted"), omitted);
    o.insert(key("url"), url);
    o.insert(key("bytesSent"), bytesSent);
    o.insert(key("bytesReceived"), bytesReceived);
    o.insert(key("ms"), elapsedMs);
    if (!hops.isEmpty())
        o.insert(key("hops"), QJsonArray::fromStringList(hops));
    if (connection.socket)
        o.insert(key("connection"), QJsonObject{{key("pool"), connection.pool},
                                                {key("socket"), qint64(connection.socket)},
                                                {key("reused"), connection.reused}});
    return o;
}

ExchangeRecord ExchangeRecord::fromJson(const QJsonObject &o)
{
    ExchangeRecord r;
    r.done = true;
    r.url = o.value(key("url")).toString();
    r.hasResponse = o.contains(key("statusCode"));
    r.httpVersion = o.value(key("httpVersion")).toString().toLatin1();
    r.statusCode = o.value(key("statusCode")).toInt();
    r.statusMessage = o.value(key("statusMessage")).toString().toLatin1();
    r.rawHeaders = latin1Bytes(o.value(key("rawHeaders")));
    r.rawTrailers = latin1Bytes(o.value(key("rawTrailers")));
    r.body = o.contains(key("bodyBase64"))
                 ? QByteArray::fromBase64(o.value(key("bodyBase64")).toString().toLatin1())
                 : o.value(key("body")).toString().toUtf8();
    r.bodySize = o.value(key("bodySize")).toInteger(r.body.size());
    r.complete = o.value(key("complete")).toBool();
    const QJsonObject error = o.value(key("error")).toObject();
    if (!error.isEmpty())
        r.error = http::HttpError(error.value(key("code")).toString().toLatin1(),
                                  error.value(key("message")).toString());
    const QJsonArray names = o.value(key("events")).toArray();
    const QJsonArray times = o.value(key("eventTimes")).toArray();
    for (qsizetype i = 0; i < names.size(); ++i)
        r.events.append({names[i].toString(), times.at(i).toDouble()});
    for (const QJsonValue &repeat : o.value(key("eventRepeats")).toArray())
        if (const qsizetype i = repeat[0].toInteger(-1); i >= 0 && i < r.events.size())
            r.events[i].repeats = repeat[1].toInteger();
    const QJsonObject t = o.value(key("timings")).toObject();
    for (auto it = t.constBegin(); it != t.constEnd(); ++it)
        r.timings.insert(it.key(), it.value().toDouble());
    for (const QJsonValue &c : o.value(key("wire")).toArray())
        r.wire.append({c[key("sent")].toBool() ? http::StreamSocket::Direction::Sent
                                               : http::StreamSocket::Direction::Received,
                       QByteArray::fromBase64(c[key("base64")].toString().toLatin1()),
                       c[key("ms")].toDouble(), c[key("omittedBefore")].toInteger()});
    r.wireOmitted = o.value(key("wireOmitted")).toInteger();
    r.wireKept = o.contains(key("wire"));
    r.bytesSent = o.value(key("bytesSent")).toInteger();
    r.bytesReceived = o.value(key("bytesReceived")).toInteger();
    r.elapsedMs = o.value(key("ms")).toDouble();
    for (const QJsonValue &h : o.value(key("hops")).toArray())
        r.hops.append(h.toString());
    const QJsonObject connection = o.value(key("connection")).toObject();
    r.connection = {connection.value(key("pool")).toString(),
                    quint64(connection.value(key("socket")).toInteger()),
                    connection.value(key("reused")).toBool()};
    return r;
}

} // namespace wb
