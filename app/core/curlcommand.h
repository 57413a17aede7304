#pragma once

#include "request.h"
#include "variables.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

/// A curl command line as a request, and back: what "paste a curl command" and "copy as curl"
/// do. Understands the options people paste from browsers' "Copy as cURL" and API docs.
class CurlCommand {
public:
    /// Splits like a POSIX shell: quotes, backslashes, line continuations.
    static std::optional<QStringList> split(const QString &commandLine, QString *error);
    /// Parses `curl …` (the word "curl" is optional): the URL kept as written (it may hold
    /// {{variables}}), a form or file body in the Body tab's modes, -u and --oauth2-bearer as
    /// auth. On failure returns nullopt and says why.
    static std::optional<Request> parse(const QString &commandLine, QString *error);
    /// The request, variables filled in, as a curl command that sends the same bytes. A
    /// multipart or file body is left for curl to build (-F name=@file, --data-binary @file).
    static QString toCurl(const Request &request, const Variables &vars);
};

} // namespace wb
