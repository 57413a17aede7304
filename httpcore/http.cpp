#include "http.h"

#include "agent.h"
#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"

namespace http {

const QByteArrayList &METHODS()
{
    static const QByteArrayList methods = {
        "ACL",       "BIND",      "CHECKOUT", "CONNECT",  "COPY",   "DELETE",     "GET",
        "HEAD",      "LINK",      "LOCK",     "M-SEARCH", "MERGE",  "MKACTIVITY", "MKCALENDAR",
        "MKCOL",     "MOVE",      "NOTIFY",   "OPTIONS",  "PATCH",  "POST",       "PROPFIND",
        "PROPPATCH", "PURGE",     "PUT",      "QUERY",    "REBIND", "REPORT",     "SEARCH",
        "SOURCE",    "SUBSCRIBE", "TRACE",    "UNBIND",   "UNLINK", "UNLOCK",     "UNSUBSCRIBE"};
    return methods;
}

const QMap<int, QByteArray> &STATUS_CODES()
{
    static const QMap<int, QByteArray> codes = {
        {100, "Continue"},
        {101, "Switching Protocols"},
        {102, "Processing"},
        {103, "Early Hints"},
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {203, "Non-Authoritative Information"},
        {204, "No Content"},
        {205, "Reset Content"},
        {206, "Partial Content"},
        {207, "Multi-Status"},
        {208, "Already Reported"},
        {226, "IM Used"},
        {300, "Multiple Choices"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {304, "Not Modified"},
        {305, "Use Proxy"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {402, "Payment Required"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {407, "Proxy Authentication Required"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {410, "Gone"},
        {411, "Length Required"},
        {412, "Precondition Failed"},
        {413, "Payload Too Large"},
        {414, "URI Too Long"},
        {415, "Unsupported Media Type"},
        {416, "Range Not Satisfiable"},
        {417, "Expectation Failed"},
        {418, "I'm a Teapot"},
        {421, "Misdirected Request"},
        {422, "Unprocessable Entity"},
        {423, "Locked"},
        {424, "Failed Dependency"},
        {425, "Too Early"},
        {426, "Upgrade Required"},
        {428, "Precondition Required"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
        {505, "HTTP Version Not Supported"},
        {506, "Variant Also Negotiates"},
        {507, "Insufficient Storage"},
        {508, "Loop Detected"},
        {509, "Bandwidth Limit Exceeded"},
        {510, "Not Extended"},
        {511, "Network Authentication Required"},
    };
    return codes;
}

namespace {

// RFC 9110 tchar, as Node's tokenRegExp /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.
constexpr bool isTokenChar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

struct TokenTable {
    bool token[256] = {};
    bool fieldContent[256] = {};
    constexpr TokenTable()
    {
        for (int c = 0; c < 256; ++c) {
            token[c] = isTokenChar(static_cast<unsigned char>(c));
            fieldContent[c] = c == '\t' || (c >= 0x20 && c <= 0x7e) || c >= 0x80;
        }
    }
};
constexpr TokenTable kTable;

} // namespace

bool checkIsHttpToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name)
        if (!kTable.token[static_cast<unsigned char>(c)])
            return false;
    return true;
}

bool checkInvalidHeaderChar(QByteArrayView value)
{
    for (char c : value)
        if (!kTable.fieldContent[static_cast<unsigned char>(c)])
            return true;
    return false;
}

bool containsWord(QByteArrayView value, QByteArrayView word)
{
    auto isWordChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    const qsizetype n = word.size();
    for (qsizetype i = 0; i + n <= value.size(); ++i) {
        if (value.sliced(i, n).compare(word, Qt::CaseInsensitive) != 0)
            continue;
        const bool before = i == 0 || !isWordChar(value[i - 1]);
        const bool after = i + n == value.size() || !isWordChar(value[i + n]);
        if (before && after)
            return true;
    }
    return false;
}

HttpError validateHeaderName(QByteArrayView name, const char *label)
{
    if (checkIsHttpToken(name))
        return {};
    return HttpError("ERR_INVALID_HTTP_TOKEN",
                     QStringLiteral("%1 must be a valid HTTP token [\"%2\"]")
                         .arg(QLatin1String(label), QString::fromLatin1(name)));
}

HttpError validateHeaderValue(QByteArrayView name, QByteArrayView value)
{
    if (!checkInvalidHeaderChar(value))
        return {};
    return HttpError("ERR_INVALID_CHAR",
                     QStringLiteral("Invalid character in header content [\"%1\"]")
                         .arg(QString::fromLatin1(name)));
}

HttpError validateHeaderValue(QByteArrayView name, std::nullopt_t)
{
    return HttpError("ERR_HTTP_INVALID_HEADER_VALUE",
                     QStringLiteral("Invalid value \"undefined\" for header \"%1\"")
                         .arg(QString::fromLatin1(name)));
}

Server *createServer(const ServerOptions &options,
                     std::function<void(IncomingMessage *, ServerResponse *)> requestListener,
                     QObject *parent)
{
    auto *server = new Server(options, parent);
    if (requestListener)
        QObject::connect(server, &Server::requestReceived, server, std::move(requestListener));
    return server;
}

namespace {

std::unique_ptr<Agent> makeGlobalAgent(const QString &protocol)
{
    Agent::Options options;
    options.keepAlive = true;
    options.scheduling = Agent::Scheduling::Lifo;
    options.timeout = 5000;
    options.protocol = protocol;
    return std::make_unique<Agent>(options);
}

} // namespace

Agent *globalAgent()
{
    static thread_local std::unique_ptr<Agent> agent = makeGlobalAgent(QStringLiteral("http:"));
    return agent.get();
}

ClientRequest::Options urlToHttpOptions(const QUrl &url, ClientRequest::Options base)
{
    base.protocol = url.scheme() + u':';
    base.hostname = url.host();
    if (url.port() > 0)
        base.port = url.port();
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    if (url.hasQuery())
        path += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    base.path = path;
    if (!url.userName().isEmpty())
        base.auth = url.userName(QUrl::FullyDecoded) + u':' + url.password(QUrl::FullyDecoded);
    return base;
}

ClientRequest *request(const ClientRequest::Options &options,
                       std::function<void(IncomingMessage *)> callback, QObject *parent,
                       HttpError *error)
{
    if (HttpError e = ClientRequest::validate(options)) {
        if (error)
            *error = e;
        return nullptr;
    }
    auto *req = new ClientRequest(options, parent);
    if (callback)
        QObject::connect(req, &ClientRequest::responseReceived, req, std::move(callback));
    return req;
}

namespace {

// `{...urlToHttpOptions(url), ...options}`: what `options` sets wins over the URL's part.
ClientRequest::Options withUrl(const QUrl &url, const ClientRequest::Options &options)
{
    const ClientRequest::Options defaults;
    ClientRequest::Options merged = urlToHttpOptions(url, options);
    if (options.protocol != defaults.protocol)
        merged.protocol = options.protocol;
    if (!options.hostname.isEmpty())
        merged.hostname = options.hostname;
    if (options.port != 0)
        merged.port = options.port;
    if (!options.path.isEmpty())
        merged.path = options.path;
    if (!options.auth.isEmpty())
        merged.auth = options.auth;
    return merged;
}

} // namespace

ClientRequest *request(const QUrl &url, ClientRequest::Options options,
                       std::function<void(IncomingMessage *)> callback, QObject *parent,
                       HttpError *error)
{
    return request(withUrl(url, options), std::move(callback), parent, error);
}

ClientRequest *get(const ClientRequest::Options &options,
                   std::function<void(IncomingMessage *)> callback, QObject *parent,
                   HttpError *error)
{
    ClientRequest::Options getOptions = options;
    getOptions.method = "GET";
    ClientRequest *req = request(getOptions, std::move(callback), parent, error);
    if (req)
        req->end();
    return req;
}

ClientRequest *get(const QUrl &url, ClientRequest::Options options,
                   std::function<void(IncomingMessage *)> callback, QObject *parent,
                   HttpError *error)
{
    return get(withUrl(url, options), std::move(callback), parent, error);
}

} // namespace http

namespace https {

using http::Agent;

Agent *globalAgent()
{
    static thread_local std::unique_ptr<Agent> agent =
        http::makeGlobalAgent(QStringLiteral("https:"));
    return agent.get();
}

} // namespace https
