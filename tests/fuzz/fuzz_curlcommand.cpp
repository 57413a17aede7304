// libFuzzer target: the curl importer. Any text either parses or is refused with a reason; what
// parses is written back as curl (CurlCommand::toCurl, "copy as curl") and must parse again to
// the same command.
#include "curlcommand.h"
#include "variables.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString line = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto request = wb::CurlCommand::parse(line, &error);
    if (!request) {
        if (error.isEmpty())
            std::abort(); // a refusal gives its reason
        return 0;
    }
    const wb::Variables none;
    const QString written = wb::CurlCommand::toCurl(*request, none);
    QString again;
    const auto reparsed = wb::CurlCommand::parse(written, &again);
    const QString rewritten = reparsed ? wb::CurlCommand::toCurl(*reparsed, none) : QString();
    if (rewritten != written) {
        qWarning("copied curl does not paste back: %s\n%s\n%s", qPrintable(again),
                 qPrintable(written), qPrintable(rewritten));
        std::abort();
    }
    return 0;
}
