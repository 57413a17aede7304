#pragma once

#include "exchange.h"
#include "requestauth.h"
#include "requestbody.h"

#include <QString>
#include <QStringList>

#include <optional>

/// A curl command line as a request, and back: what "paste a curl command" and "copy as curl"
/// do. Understands the options people paste from browsers' "Copy as cURL" and API docs.
class CurlCommand {
public:
    /// Splits like a POSIX shell: quotes, backslashes, line continuations.
    static std::optional<QStringList> split(const QString &commandLine, QString *error);
    /// A parsed command: the request, and its URL exactly as written (it may hold {{variables}},
    /// which a QUrl would percent-encode).
    struct Parsed {
        Exchange::Request request;
        QString url;
        /// A body that is not plain data: a form (-F, --form-string; or -d name=value&… that
        /// the form table would send byte for byte the same) or a file sent as it is
        /// (--data-binary @file). Mode none when the body (if any) is in `request.body`.
        RequestBody body;
        /// -u user:password (Basic) or --oauth2-bearer TOKEN, for the Auth tab.
        RequestAuth auth;
    };
    /// Parses `curl …` (the word "curl" is optional). On failure returns nullopt and says why.
    static std::optional<Parsed> parse(const QString &commandLine, QString *error);
    /// The request as a curl command that sends the same bytes. With a multipart or file
    /// `body`, curl is told to build it (-F name=@file, --data-binary @file) instead.
    static QString toCurl(const Exchange::Request &request, const RequestBody &body = {});
};
