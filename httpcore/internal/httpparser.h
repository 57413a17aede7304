#pragma once

#include "httperror.h"

#include <QByteArray>
#include <QByteArrayList>

#include <memory>

namespace http {

/// Node's `HTTPParser` binding (src/node_http_parser.cc): llhttp plus Node's own checks
/// (head size limit, strict field syntax on every llhttp version). One per connection.
class HttpParser {
public:
    enum class Type { Request, Response };

    /// What `parserOnHeadersComplete` receives.
    struct Head {
        int versionMajor = 1;
        int versionMinor = 1;
        QByteArray method;  // requests
        QByteArray url;     // requests
        int statusCode = 0; // responses
        QByteArray statusMessage;
        QByteArrayList rawHeaders; // name, value, name, value… as received
        bool upgrade = false;
        bool shouldKeepAlive = true;
    };

    /// Receives the parser's events; `onHeadersComplete` returns 0 (body follows as framed),
    /// 1 (no body: HEAD response) or 2 (no body, stop after this message: upgrade/CONNECT).
    class Handler {
    public:
        virtual ~Handler() = default;
        virtual void onMessageBegin() {}
        virtual int onHeadersComplete(Head &head) = 0;
        virtual void onBody(const char *data, qsizetype length) = 0;
        virtual void onMessageComplete(QByteArrayList &rawTrailers) = 0;
    };

    HttpParser(Type type, Handler *handler, int maxHeaderSize);
    ~HttpParser();
    HttpParser(const HttpParser &) = delete;
    HttpParser &operator=(const HttpParser &) = delete;

    struct Result {
        qsizetype consumed = 0; ///< bytes used; the rest belongs to an upgraded protocol
        HttpError error;        ///< HPE_* code, as Node names them
        bool upgraded = false;  ///< stopped after an upgrade/CONNECT message
    };

    /// Feeds bytes. Stops early on error or upgrade.
    Result execute(const char *data, qsizetype length);
    /// The peer closed: completes a close-delimited message or reports a truncated one.
    HttpError finish();
    /// True between the first byte of a message and its end.
    bool inMessage() const;
    /// True once the current message's head is complete.
    bool headersCompleted() const;
    /// Maximum number of header pairs kept (Node's `maxHeaderPairs`/2); 0 keeps all.
    void setMaxHeadersCount(int count);
    /// Node's `insecureHTTPParser` (kLenientAll): llhttp's lenient flags, and none of Node 20's
    /// strict checks added here (value bytes, obs-fold, CR LF after the version).
    void setLenient(bool lenient);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace http
