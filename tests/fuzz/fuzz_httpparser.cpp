// libFuzzer target: the parser bridge (HttpParser: llhttp plus Node's own checks), requests or
// responses, fed in arbitrary splits. Flags: bit 0 responses, bit 1 lenient, bits 2-3 what
// onHeadersComplete answers (0 body, 1 no body as for HEAD, 2 stop as after an upgrade).
#include "fuzzinput.h"
#include "httpparser.h"

#include <cstdlib>

namespace {

class Recorder : public http::HttpParser::Handler {
public:
    int answer = 0;
    qsizetype bodyBytes = 0;
    int messages = 0;
    bool inHead = false;

    void onMessageBegin() override { inHead = true; }
    int onHeadersComplete(http::HttpParser::Head &head) override
    {
        // What the parser hands on must be whole pairs of fields, within the limit it was given.
        if (head.rawHeaders.size() % 2 != 0)
            std::abort();
        inHead = false;
        return answer;
    }
    void onBody(const char *data, qsizetype length) override
    {
        if (length <= 0 || data == nullptr)
            std::abort();
        bodyBytes += length;
    }
    void onMessageComplete(QByteArrayList &rawTrailers) override
    {
        if (rawTrailers.size() % 2 != 0)
            std::abort();
        ++messages;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzInput input(data, size);
    Recorder recorder;
    recorder.answer = (input.flag(2) ? 1 : 0) + (input.flag(3) ? 2 : 0);
    if (recorder.answer == 3)
        recorder.answer = 0;
    http::HttpParser parser(input.flag(0) ? http::HttpParser::Type::Response
                                          : http::HttpParser::Type::Request,
                            &recorder, 1024);
    parser.setLenient(input.flag(1));
    while (!input.atEnd()) {
        const QByteArrayView chunk = input.nextChunk();
        const http::HttpParser::Result result = parser.execute(chunk.data(), chunk.size());
        if (result.consumed < 0 || result.consumed > chunk.size())
            std::abort();
        if (result.error || result.upgraded)
            return 0;
    }
    parser.finish();
    return 0;
}
