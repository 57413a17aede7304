#include "errorhint.h"

#include <QObject>

namespace wb {

namespace errorhint {

QString explain(const http::HttpError &error, const QString &host, int port, bool hadResponse)
{
    const QByteArray &code = error.code();
    const QString where = QStringLiteral("%1:%2").arg(host).arg(port);
    if (code == "ENOTFOUND")
        return QObject::tr("No address was found for \"%1\": check the name (DNS, /etc/hosts).")
            .arg(host);
    if (code == "ECONNREFUSED")
        return QObject::tr("Nothing is listening at %1: is the server running, on this port?")
            .arg(where);
    if (code == "EHOSTUNREACH" || code == "ENETUNREACH")
        return QObject::tr("There is no route to %1 from this machine.").arg(host);
    if (code == "ETIMEDOUT")
        return hadResponse ? QObject::tr("The server went silent for longer than the timeout.")
                           : QObject::tr("No answer within the timeout: a slow server, or an "
                                         "address that drops packets.");
    if (code == "ECANCELED")
        return QObject::tr("Cancelled before the exchange ended.");
    if (code == "EPROTO")
        return error.message().contains(QLatin1String("wrong version number"))
                   ? QObject::tr("The server answered in plain HTTP, not TLS: try http:// "
                                 "instead of https://.")
                   : QObject::tr("The TLS handshake failed: the server may not speak TLS on this "
                                 "port.");
    if (code == "ECONNRESET") {
        if (error.message().contains(QLatin1String("TLS")))
            return QObject::tr("The server closed the connection during the TLS handshake: does "
                               "%1 speak TLS?")
                .arg(where);
        return hadResponse ? QObject::tr("The connection closed before the whole response "
                                         "arrived.")
                           : QObject::tr("The server closed the connection without answering.");
    }
    if (code == "DEPTH_ZERO_SELF_SIGNED_CERT" || code == "SELF_SIGNED_CERT_IN_CHAIN" ||
        code == "UNABLE_TO_VERIFY_LEAF_SIGNATURE")
        return QObject::tr("The server's certificate is not signed by an authority this machine "
                           "trusts. If you trust it, accept invalid certificates (Options, or "
                           "-k).");
    if (code == "CERT_HAS_EXPIRED")
        return QObject::tr("The server's certificate has expired.");
    if (code == "CERT_NOT_YET_VALID")
        return QObject::tr("The server's certificate is not valid yet: check this machine's "
                           "clock.");
    if (code == "ERR_TLS_CERT_ALTNAME_INVALID")
        return QObject::tr("The server's certificate is for other names than \"%1\".").arg(host);
    if (code == "HPE_HEADER_OVERFLOW")
        return QObject::tr("The response head is larger than maxHeaderSize allows.");
    if (code == "HPE_INVALID_CONSTANT" && hadResponse)
        return QObject::tr("Bytes that are not HTTP followed the response.");
    if (code == "HPE_INVALID_CHUNK_SIZE" || code == "HPE_STRICT" ||
        (code.startsWith("HPE_") && hadResponse))
        return QObject::tr("The response broke after its head: its body framing (chunk sizes, "
                           "chunk ends or trailers) is not valid HTTP.");
    if (code.startsWith("HPE_"))
        return QObject::tr("The server's answer is not valid HTTP/1.x: is this an HTTP port?");
    return {};
}

} // namespace errorhint

} // namespace wb
