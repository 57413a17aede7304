#pragma once

#include "httperror.h"

/// Node's system errors (libuv's `ECONNREFUSED`, `EADDRINUSE`…): the code and Node's message,
/// `"<syscall> <CODE>: <description> <where>"`.
namespace systemerror {

HttpError fromErrno(int errnum, const char *syscall, const QString &where);

} // namespace systemerror
