// libFuzzer target: the mock file loader. Any text either loads or is refused with a message
// naming the file; what loads is written back out (MockFile::toJson, as the panel saves it) and
// must load again to the same file. The route editor's parser gets the same text.
#include "mockfile.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto file = wb::MockFile::parse(text, QStringLiteral("fuzz.json"), &error);
    if (!file) {
        if (!error.contains(QLatin1String("fuzz.json")))
            std::abort(); // every refusal says which file
    } else {
        const QByteArray saved = wb::MockFile::toJson(file->servers);
        QString again;
        const auto reloaded = wb::MockFile::parse(saved, QStringLiteral("saved.json"), &again);
        if (!reloaded || wb::MockFile::toJson(reloaded->servers) != saved) {
            qWarning("saved file does not load back: %s\n%s", qPrintable(again), saved.constData());
            std::abort();
        }
    }
    QString routeError;
    wb::MockFile::parseRoute(text, &routeError);
    return 0;
}
