#include "httpparser.h"

#include "http.h"

#include <llhttp.h>

#include <cstring>

namespace http {

namespace {

// Node 20 caps chunk extensions at 16 KiB per message (answered with 413).
constexpr qsizetype kMaxChunkExtensionsSize = 16384;

enum class Span { None, Field, Value };

} // namespace

struct HttpParser::Impl {
    llhttp_t parser;
    HttpParser::Type type;
    HttpParser::Handler *handler;
    qsizetype maxHeaderSize;
    qsizetype headerBytes = 0;
    qsizetype chunkExtensionBytes = 0;
    int maxHeaderPairs = 0;
    bool inMessage = false;
    bool headersDone = false;
    bool queryMethod = false;
    bool upgradeAccepted = false;
    bool lenient = false;
    Span span = Span::None;
    const char *bufferBegin = nullptr;
    const char *bufferEnd = nullptr;
    const char *versionEnd = nullptr;
    bool valueSpanAtBufferEnd = false;
    bool expectCr = false; // the byte after the version must be CR: check the next buffer
    QByteArray url;
    QByteArray status;
    QByteArray field;
    QByteArray value;
    QByteArrayList fields; // headers, then trailers
    HttpError error;       // set by a callback that refused the input

    static Impl *self(llhttp_t *p) { return static_cast<Impl *>(p->data); }

    int fail(const char *code, const char *reason)
    {
        error = HttpError(code, QStringLiteral("Parse Error: %1").arg(QLatin1String(reason)));
        llhttp_set_error_reason(&parser, reason);
        return HPE_USER;
    }

    // Node's TrackHeader: the start line and header fields together stay under maxHeaderSize.
    int trackHeader(size_t length)
    {
        headerBytes += qsizetype(length);
        if (maxHeaderSize > 0 && headerBytes >= maxHeaderSize)
            return fail("HPE_HEADER_OVERFLOW", "Header overflow");
        return 0;
    }

    int finishField()
    {
        if (!http::checkIsHttpToken(field))
            return fail("HPE_INVALID_HEADER_TOKEN", "Invalid header token");
        fields.append(std::exchange(field, {}));
        return 0;
    }

    int finishValue()
    {
        // Node trims trailing whitespace; llhttp already skipped the leading one.
        qsizetype end = value.size();
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == '\t'))
            --end;
        value.truncate(end);
        // llhttp 8 lets obs-fold, bare CR and NUL through; Node 20's llhttp 9 refuses them.
        if (!lenient && http::checkInvalidHeaderChar(value))
            return fail("HPE_INVALID_HEADER_TOKEN", "Invalid header value char");
        // llhttp 9 refuses Transfer-Encoding after Content-Length where it is read (8.1 says
        // HPE_UNEXPECTED_CONTENT_LENGTH at the end of the head).
        if (!lenient && (parser.flags & F_CONTENT_LENGTH) && !headersDone &&
            fields.last().compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            return fail("HPE_INVALID_TRANSFER_ENCODING",
                        "Transfer-Encoding can't be present with Content-Length");
        fields.append(std::exchange(value, {}));
        return 0;
    }

    static int onMessageBegin(llhttp_t *p)
    {
        Impl *d = self(p);
        d->inMessage = true;
        d->headersDone = false;
        d->headerBytes = 0;
        d->chunkExtensionBytes = 0;
        d->url.clear();
        d->status.clear();
        d->fields.clear();
        d->span = Span::None;
        d->handler->onMessageBegin();
        return 0;
    }

    static int onUrl(llhttp_t *p, const char *at, size_t length)
    {
        Impl *d = self(p);
        d->url.append(at, qsizetype(length));
        return d->trackHeader(length);
    }

    static int onStatus(llhttp_t *p, const char *at, size_t length)
    {
        Impl *d = self(p);
        d->status.append(at, qsizetype(length));
        return d->trackHeader(length);
    }

    static int onHeaderField(llhttp_t *p, const char *at, size_t length)
    {
        Impl *d = self(p);
        d->span = Span::Field;
        d->field.append(at, qsizetype(length));
        return d->trackHeader(length);
    }

    static int onHeaderFieldComplete(llhttp_t *p)
    {
        Impl *d = self(p);
        d->span = Span::None;
        return d->finishField();
    }

    static int onVersion(llhttp_t *p, const char *at, size_t length)
    {
        self(p)->versionEnd = at + length;
        return 0;
    }

    // llhttp 8 accepts a bare LF after the request line's version; Node 20 wants CR LF.
    static int onVersionComplete(llhttp_t *p)
    {
        Impl *d = self(p);
        if (d->type != HttpParser::Type::Request || d->lenient)
            return 0;
        if (d->versionEnd == d->bufferEnd) {
            d->expectCr = true;
            return 0;
        }
        if (d->versionEnd && *d->versionEnd != '\r')
            return d->fail("HPE_INVALID_VERSION", "Expected CRLF after version");
        return 0;
    }

    static int onHeaderValue(llhttp_t *p, const char *at, size_t length)
    {
        Impl *d = self(p);
        // A value that goes on after a line break is obs-fold, which llhttp 8 joins and Node 20
        // refuses. A value split only by the end of a read buffer goes on at the next buffer.
        if (d->span == Span::Value && !(d->valueSpanAtBufferEnd && at == d->bufferBegin) &&
            !d->lenient)
            return d->fail("HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value");
        d->valueSpanAtBufferEnd = at + length == d->bufferEnd;
        d->span = Span::Value;
        d->value.append(at, qsizetype(length));
        return d->trackHeader(length);
    }

    static int onHeaderValueComplete(llhttp_t *p)
    {
        Impl *d = self(p);
        d->span = Span::None;
        // An empty value produces no span: keep names and values paired.
        if (d->fields.size() % 2 == 0)
            return 0;
        return d->finishValue();
    }

    static int onChunkExtension(llhttp_t *p, const char *, size_t length)
    {
        Impl *d = self(p);
        d->chunkExtensionBytes += qsizetype(length);
        if (d->chunkExtensionBytes > kMaxChunkExtensionsSize)
            return d->fail("HPE_CHUNK_EXTENSIONS_OVERFLOW", "Chunk extensions overflow");
        return 0;
    }

    static int onHeadersComplete(llhttp_t *p)
    {
        Impl *d = self(p);
        if (d->fields.size() % 2 == 1)
            d->fields.append(QByteArray());
        d->headersDone = true;
        d->headerBytes = 0;

        HttpParser::Head head;
        head.versionMajor = p->http_major;
        head.versionMinor = p->http_minor;
        if (d->type == HttpParser::Type::Request) {
            head.method = d->queryMethod
                              ? QByteArrayLiteral("QUERY")
                              : QByteArray(llhttp_method_name(llhttp_method_t(p->method)));
            head.url = std::exchange(d->url, {});
        } else {
            head.statusCode = p->status_code;
            head.statusMessage = std::exchange(d->status, {});
        }
        d->queryMethod = false;
        if (d->maxHeaderPairs > 0 && d->fields.size() > 2 * d->maxHeaderPairs)
            d->fields.resize(2 * d->maxHeaderPairs);
        head.rawHeaders = std::exchange(d->fields, {});
        head.upgrade = p->upgrade != 0;
        head.shouldKeepAlive = llhttp_should_keep_alive(p) != 0;
        const int verdict = d->handler->onHeadersComplete(head);
        d->upgradeAccepted = verdict == 2;
        return verdict;
    }

    static int onBody(llhttp_t *p, const char *at, size_t length)
    {
        self(p)->handler->onBody(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(llhttp_t *p)
    {
        Impl *d = self(p);
        if (d->fields.size() % 2 == 1)
            d->fields.append(QByteArray());
        d->inMessage = false;
        QByteArrayList trailers = std::exchange(d->fields, {});
        d->handler->onMessageComplete(trailers);
        return 0;
    }

    static const llhttp_settings_t &settings()
    {
        static const llhttp_settings_t table = [] {
            llhttp_settings_t s;
            llhttp_settings_init(&s);
            s.on_message_begin = &Impl::onMessageBegin;
            s.on_url = &Impl::onUrl;
            s.on_status = &Impl::onStatus;
            s.on_version = &Impl::onVersion;
            s.on_version_complete = &Impl::onVersionComplete;
            s.on_header_field = &Impl::onHeaderField;
            s.on_header_field_complete = &Impl::onHeaderFieldComplete;
            s.on_header_value = &Impl::onHeaderValue;
            s.on_header_value_complete = &Impl::onHeaderValueComplete;
            s.on_chunk_extension_name = &Impl::onChunkExtension;
            s.on_chunk_extension_value = &Impl::onChunkExtension;
            s.on_headers_complete = &Impl::onHeadersComplete;
            s.on_body = &Impl::onBody;
            s.on_message_complete = &Impl::onMessageComplete;
            return s;
        }();
        return table;
    }

    void init()
    {
        llhttp_init(&parser, type == HttpParser::Type::Request ? HTTP_REQUEST : HTTP_RESPONSE,
                    &settings());
        parser.data = this;
        llhttp_set_lenient_headers(&parser, lenient);
        llhttp_set_lenient_chunked_length(&parser, lenient);
        llhttp_set_lenient_keep_alive(&parser, lenient);
        llhttp_set_lenient_transfer_encoding(&parser, lenient);
    }
};

HttpParser::HttpParser(Type type, Handler *handler, int maxHeaderSize)
    : d(std::make_unique<Impl>())
{
    d->type = type;
    d->handler = handler;
    d->maxHeaderSize = maxHeaderSize;
    d->init();
}

HttpParser::~HttpParser() = default;

bool HttpParser::inMessage() const
{
    return d->inMessage;
}
bool HttpParser::headersCompleted() const
{
    return d->headersDone;
}
void HttpParser::setMaxHeadersCount(int count)
{
    d->maxHeaderPairs = count;
}
void HttpParser::setLenient(bool lenient)
{
    d->lenient = lenient;
    d->init();
}

HttpParser::Result HttpParser::execute(const char *data, qsizetype length)
{
    Result result;
    d->error = {};
    if (d->expectCr && length > 0) {
        d->expectCr = false;
        if (data[0] != '\r') {
            d->error = HttpError("HPE_INVALID_VERSION",
                                 QStringLiteral("Parse Error: Expected CRLF after version"));
            result.error = d->error;
            return result;
        }
    }
    d->bufferBegin = data;
    d->bufferEnd = data + length;
    llhttp_errno_t err = llhttp_execute(&d->parser, data, size_t(length));
    if (err == HPE_OK) {
        result.consumed = length;
        return result;
    }
    const char *pos = llhttp_get_error_pos(&d->parser);
    result.consumed = pos ? qsizetype(pos - data) : length;
    if (err == HPE_PAUSED_UPGRADE) {
        if (d->upgradeAccepted) {
            result.upgraded = true;
            return result;
        }
        // Nobody takes the upgrade: the message was an ordinary one, go on with the rest.
        llhttp_resume_after_upgrade(&d->parser);
        Result rest = execute(data + result.consumed, length - result.consumed);
        rest.consumed += result.consumed;
        return rest;
    }
    // llhttp 8 does not know Node 20's QUERY method: feed it as MERGE (same grammar, no
    // special meaning) and report it as QUERY.
    if (err == HPE_INVALID_METHOD && length - result.consumed >= 6 &&
        std::memcmp(data + result.consumed, "QUERY ", 6) == 0) {
        const qsizetype at = result.consumed;
        d->init();
        d->queryMethod = true;
        Result head = execute("MERGE", 5);
        if (head.error)
            return head;
        Result rest = execute(data + at + 5, length - at - 5);
        rest.consumed += at + 5;
        return rest;
    }
    if (d->error.isNull()) {
        const char *reason = llhttp_get_error_reason(&d->parser);
        // Content-Length after Transfer-Encoding: llhttp 9 names it HPE_INVALID_CONTENT_LENGTH.
        const char *name = err == HPE_UNEXPECTED_CONTENT_LENGTH && reason &&
                                   std::strcmp(reason, "Content-Length can't be present with "
                                                       "Transfer-Encoding") == 0
                               ? "HPE_INVALID_CONTENT_LENGTH"
                               : llhttp_errno_name(err);
        d->error = HttpError(
            name, QStringLiteral("Parse Error: %1").arg(QLatin1String(reason ? reason : name)));
    }
    result.error = d->error;
    return result;
}

HttpError HttpParser::finish()
{
    llhttp_errno_t err = llhttp_finish(&d->parser);
    if (err == HPE_OK || err == HPE_PAUSED)
        return {};
    // Node's parser.finish() error carries the code, and the reason only as a property.
    return HttpError(llhttp_errno_name(err), QStringLiteral("Parse Error"));
}

} // namespace http
