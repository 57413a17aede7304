#include "serverresponse.h"

#include "http.h"
#include "incomingmessage.h"
#include "messagetransport.h"
#include "serverconnection.h"

#include <QMetaMethod>
#include <QRegularExpression>

namespace http {

ServerResponse::ServerResponse(IncomingMessage *req, QObject *parent)
    : OutgoingMessage(parent)
    , m_req(req)
{
    if (req->method() == "HEAD")
        m_hasBody = false;
    m_sendDate = true;
    if (req->httpVersionMajor() < 1 || req->httpVersionMinor() < 1) {
        // HTTP/1.0 peers get chunks only when they ask for them with `TE: chunked`.
        m_useChunkedEncodingByDefault = http::containsWord(req->headers().value("te"), "chunked");
        m_shouldKeepAlive = false;
    }
}

HttpError ServerResponse::writeHead(int statusCode, const HeaderList &headers)
{
    return writeHead(statusCode, QByteArray(), headers);
}

HttpError ServerResponse::writeHead(int statusCode, const QByteArray &statusMessage,
                                    const HeaderList &headers)
{
    if (headersSent())
        return HttpError("ERR_HTTP_HEADERS_SENT",
                         QStringLiteral("Cannot write headers after they are sent to the client"));
    if (statusCode < 100 || statusCode > 999)
        return HttpError("ERR_HTTP_INVALID_STATUS_CODE",
                         QStringLiteral("Invalid status code: %1").arg(statusCode));
    if (!statusMessage.isNull())
        m_statusMessage = statusMessage;
    else if (m_statusMessage.isEmpty())
        m_statusMessage = http::STATUS_CODES().value(statusCode, "unknown");
    m_statusCode = statusCode;

    QList<HeaderEntry> direct;
    const bool useStore = !headerEntries().isEmpty();
    for (const auto &[name, value] : headers) {
        if (name.isEmpty())
            continue;
        if (useStore) {
            if (HttpError e = setHeader(name, value))
                return e;
        } else {
            direct.append({name, {value}, false});
        }
    }

    if (http::checkInvalidHeaderChar(m_statusMessage))
        return HttpError("ERR_INVALID_CHAR", QStringLiteral("Invalid character in statusMessage"));

    QByteArray statusLine = "HTTP/1.1 ";
    statusLine += QByteArray::number(statusCode);
    statusLine += ' ';
    statusLine += m_statusMessage;
    statusLine += "\r\n";

    if (statusCode == 204 || statusCode == 304 || (statusCode >= 100 && statusCode <= 199))
        m_hasBody = false;
    // A client that waits for 100 Continue and got a final answer may still send its body.
    if (m_expectContinue && !m_sent100)
        m_shouldKeepAlive = false;

    return storeHeader(statusLine, useStore ? nullptr : &direct);
}

HttpError ServerResponse::implicitHeader()
{
    return writeHead(m_statusCode);
}

void ServerResponse::writeContinue()
{
    writeRaw(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    m_sent100 = true;
}

void ServerResponse::writeProcessing()
{
    writeRaw(QByteArrayLiteral("HTTP/1.1 102 Processing\r\n\r\n"));
}

HttpError ServerResponse::writeEarlyHints(const QByteArrayList &links, const HeaderList &hints)
{
    // Node's validateLinkHeaderValue(): `<uri>` then `; param[=value]`s.
    static const QRegularExpression linkValue(
        QStringLiteral(R"(^(?:<[^>]*>)(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*\z)"));
    for (const QByteArray &link : links)
        if (!linkValue.match(QString::fromLatin1(link)).hasMatch())
            return HttpError(
                "ERR_INVALID_ARG_VALUE",
                QStringLiteral("The argument 'hints' must be an array or string of format "
                               "\"</styles.css>; rel=preload; as=style\". Received '%1'")
                    .arg(QString::fromLatin1(link)));
    for (const auto &[name, value] : hints)
        if (HttpError e = http::validateHeaderName(name);
            e || (e = http::validateHeaderValue(name, value)))
            return e;
    if (links.isEmpty())
        return {};
    QByteArray head = "HTTP/1.1 103 Early Hints\r\nLink: " + links.join(", ") + "\r\n";
    for (const auto &[name, value] : hints)
        head += name + ": " + value + "\r\n";
    writeRaw(head + "\r\n");
    return {};
}

void ServerResponse::setTimeout(int msecs)
{
    if (m_transport)
        m_transport->setSocketTimeout(msecs);
}

bool ServerResponse::emitTimeout()
{
    if (!isSignalConnected(QMetaMethod::fromSignal(&ServerResponse::timedOut)))
        return false;
    emit timedOut();
    return true;
}

void ServerResponse::finishedHook()
{
    if (m_connection)
        m_connection->responseFinished(m_req, this);
}

} // namespace http
