#pragma once

#include <QStringList>

/// `wirebench serve FILE [--host H] [--port N]`: runs the servers of a mock file headless
/// (like mockoon-cli) until SIGINT/SIGTERM. Exit codes: 0 clean stop, 1 cannot listen,
/// 2 bad arguments or a broken mock file.
class ServeCommand {
public:
    /// Runs the command (needs a QCoreApplication); `args` excludes the program and `serve`.
    static int run(const QStringList &args);
};
