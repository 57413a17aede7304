#pragma once

#include "httperror.h"

namespace http {

/// Node's system errors (libuv's `ECONNREFUSED`, `EADDRINUSE`…) with Node's messages:
/// `"listen EADDRINUSE: address already in use 127.0.0.1:80"` (described) or
/// `"connect ECONNREFUSED 127.0.0.1:1"` (not), as Node words each.
namespace systemerror {

HttpError fromErrno(int errnum, const char *syscall, const QString &where, bool described = true);

} // namespace systemerror

} // namespace http
