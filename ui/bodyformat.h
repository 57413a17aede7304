#pragma once

#include <QByteArray>
#include <QString>

/// How a body is shown: pretty-printed by its content type, as text, or as a hex dump.
class BodyFormat {
public:
    enum class View { Pretty, Raw, Hex };
    /// Bytes shown at most in the hex view (the rest is counted).
    static constexpr qsizetype kHexLimit = 1024 * 1024;

    /// JSON indented, XML/HTML re-indented when well-formed; anything else as UTF-8 text.
    static QString pretty(const QByteArray &body, const QByteArray &contentType);
    /// `00000010  48 54 54 50 …  |HTTP…|`, 16 bytes a line.
    static QString hex(const QByteArray &body);
    static bool isImage(const QByteArray &contentType) { return contentType.startsWith("image/"); }
};
