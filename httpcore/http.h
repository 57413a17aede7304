#pragma once

#include "httperror.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

#include <functional>
#include <optional>

#include "clientrequest.h"

/// Node's `http` module: module-level properties and functions.
namespace http {

class Agent;
class IncomingMessage;
class Server;
class ServerResponse;

/// `http.METHODS`: the methods the parser supports, sorted (Node 20's list).
const QByteArrayList &METHODS();

/// `http.STATUS_CODES`: standard status codes and their reason phrases.
const QMap<int, QByteArray> &STATUS_CODES();

/// `http.maxHeaderSize`: the default limit on the size of a message's head, in bytes.
inline constexpr int maxHeaderSize = 16384;

/// Node's `checkIsHttpToken`: true when `name` is a non-empty RFC 9110 token.
bool checkIsHttpToken(QByteArrayView name);

/// Node's `checkInvalidHeaderChar`: true when `value` holds a byte outside HTAB, SP-~ and
/// 0x80-0xFF.
bool checkInvalidHeaderChar(QByteArrayView value);

/// Node's `/(?:^|\W)word(?:$|\W)/i` (used for `close`, `chunked`, `100-continue`).
bool containsWord(QByteArrayView value, QByteArrayView word);

/// `http.validateHeaderName(name)`: ERR_INVALID_HTTP_TOKEN when `name` is not a token.
HttpError validateHeaderName(QByteArrayView name, const char *label = "Header name");

/// `http.validateHeaderValue(name, value)`: ERR_INVALID_CHAR for a forbidden byte.
HttpError validateHeaderValue(QByteArrayView name, QByteArrayView value);
/// `http.validateHeaderValue(name, undefined)`: ERR_HTTP_INVALID_HEADER_VALUE.
HttpError validateHeaderValue(QByteArrayView name, std::nullopt_t);

/// The options of `http.createServer(options)`.
struct ServerOptions {
    /// `IncomingMessage` option: makes the request object (a subclass of IncomingMessage).
    std::function<IncomingMessage *(QObject *parent)> incomingMessage;
    /// `ServerResponse` option: makes the response object (a subclass of ServerResponse).
    std::function<ServerResponse *(IncomingMessage *req, QObject *parent)> serverResponse;
    int maxHeaderSize = http::maxHeaderSize;
    int keepAliveTimeout = 5000;
    int headersTimeout = 60000;
    int requestTimeout = 300000;
    int timeout = 0;
    int maxHeadersCount = 0;
    bool requireHostHeader = true;
    bool joinDuplicateHeaders = false;
    int highWaterMark = 16384;
    /// `maxRequestsPerSocket` (0: no limit): the last response says `Connection: close`, later
    /// requests get 503 and Server::requestDropped().
    int maxRequestsPerSocket = 0;
    /// `uniqueHeaders`: response fields sent on one line, list values joined with "; ".
    QByteArrayList uniqueHeaders;
    /// `insecureHTTPParser`: lenient parsing of requests (llhttp's lenient flags).
    bool insecureHTTPParser = false;
    /// `noDelay`, `keepAlive` and `keepAliveInitialDelay` (ms) for accepted sockets.
    bool noDelay = true;
    bool keepAlive = false;
    int keepAliveInitialDelay = 0;
    /// `https.createServer({cert, key})`: with a key, connections speak TLS with this chain.
    QList<QSslCertificate> cert;
    QSslKey key;
};

/// `http.createServer([options][, requestListener])`; the listener is connected to
/// `Server::requestReceived` with the server as context. The caller owns the server (or `parent`).
Server *createServer(const ServerOptions &options = {},
                     std::function<void(IncomingMessage *, ServerResponse *)> requestListener = {},
                     QObject *parent = nullptr);

/// `http.globalAgent`: keep-alive on, lifo scheduling, 5 s socket timeout (Node 20's). One per
/// thread, since sockets belong to the thread that uses them.
Agent *globalAgent();

/// `http.request(options[, callback])`: the callback is connected to responseReceived. Returns
/// null (and sets `error`) for options Node refuses. Call end() to send the request.
ClientRequest *request(const ClientRequest::Options &options,
                       std::function<void(IncomingMessage *)> callback = {},
                       QObject *parent = nullptr, HttpError *error = nullptr);
/// `http.request(url[, options][, callback])`: `url` gives protocol, hostname, port, path and
/// auth, and what `options` sets wins, as Node spreads `{...urlToHttpOptions(url), ...options}`
/// (a field left at its default takes the URL's part).
ClientRequest *request(const QUrl &url, ClientRequest::Options options = {},
                       std::function<void(IncomingMessage *)> callback = {},
                       QObject *parent = nullptr, HttpError *error = nullptr);
/// `http.get(...)`: method GET, and end() is called for you.
ClientRequest *get(const ClientRequest::Options &options,
                   std::function<void(IncomingMessage *)> callback = {}, QObject *parent = nullptr,
                   HttpError *error = nullptr);
ClientRequest *get(const QUrl &url, ClientRequest::Options options = {},
                   std::function<void(IncomingMessage *)> callback = {}, QObject *parent = nullptr,
                   HttpError *error = nullptr);

/// Node's `urlToHttpOptions(url)`: the URL's parts written over `base`.
ClientRequest::Options urlToHttpOptions(const QUrl &url, ClientRequest::Options base = {});

} // namespace http

/// Node's `https` module: http::request()/get() take "https:" options and URLs as
/// `https.request()` does; this is its agent.
namespace https {

/// `https.globalAgent`: as http::globalAgent(), for TLS connections (default port 443).
http::Agent *globalAgent();

} // namespace https
