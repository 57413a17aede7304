#pragma once

#include <QStringList>

/// `wirebench send [-X M] [-H 'N: v']… [-d DATA | --data-file F] [--json] [--trace]
/// [--timeout MS] [--repeat N [--concurrency C] [--max-sockets M] [--no-keepalive]]
/// [--pool-events] URL`: requests through httpcore, printed like `curl -i` (or as JSON shaped
/// like Node's objects). Exit codes follow curl's where curl has one (6 host not found,
/// 7 connect failed, 8 bad answer, 28 timeout, 52 empty reply, 56 receive failure), 2 for usage.
class SendCommand {
public:
    /// Runs the command (needs a QCoreApplication); `args` excludes the program and `send`.
    static int run(const QStringList &args);
};
