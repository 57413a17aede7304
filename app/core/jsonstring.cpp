#include "jsonstring.h"

#include <cstdio>

namespace wb::jsonstring {

void appendEscaped(QByteArray &out, QStringView text)
{
    // Runs of characters that need no escape are converted in one piece (linear time on a
    // large body); only quotes, backslashes and controls are written one by one.
    out.reserve(out.size() + text.size());
    qsizetype start = 0;
    auto flush = [&](qsizetype end) {
        if (end > start)
            out += text.sliced(start, end - start).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c != u'"' && c != u'\\')
            continue;
        flush(i);
        start = i + 1;
        switch (c) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default: {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
            out += escaped;
        }
        }
    }
    flush(text.size());
}

void append(QByteArray &out, QStringView text)
{
    out += '"';
    appendEscaped(out, text);
    out += '"';
}

} // namespace wb::jsonstring
