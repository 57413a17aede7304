#include "systemerror.h"

#include <cerrno>
#include <cstring>

namespace http {

namespace systemerror {

namespace {

struct Entry {
    int number;
    const char *code;
    const char *text;
};

// libuv's names and texts, as Node prints them.
const Entry kEntries[] = {
    {EADDRINUSE, "EADDRINUSE", "address already in use"},
    {EACCES, "EACCES", "permission denied"},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available"},
    {EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported"},
    {ENAMETOOLONG, "ENAMETOOLONG", "name too long"},
    {ENOENT, "ENOENT", "no such file or directory"},
    {EMFILE, "EMFILE", "too many open files"},
    {ECONNREFUSED, "ECONNREFUSED", "connection refused"},
    {ECONNRESET, "ECONNRESET", "connection reset by peer"},
    {ETIMEDOUT, "ETIMEDOUT", "connection timed out"},
    {EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"},
    {ENETUNREACH, "ENETUNREACH", "network is unreachable"},
    {EPIPE, "EPIPE", "broken pipe"},
};

} // namespace

HttpError fromErrno(int errnum, const char *syscall, const QString &where, bool described)
{
    for (const Entry &e : kEntries) {
        if (e.number != errnum)
            continue;
        if (!described)
            return HttpError(e.code,
                             QStringLiteral("%1 %2 %3")
                                 .arg(QLatin1String(syscall), QLatin1String(e.code), where));
        return HttpError(e.code, QStringLiteral("%1 %2: %3 %4")
                                     .arg(QLatin1String(syscall), QLatin1String(e.code),
                                          QLatin1String(e.text), where));
    }
    return HttpError(
        "E" + QByteArray::number(errnum),
        QStringLiteral("%1: %2 %3")
            .arg(QLatin1String(syscall), QString::fromLocal8Bit(std::strerror(errnum)), where));
}

} // namespace systemerror

} // namespace http
