#pragma once

#include <QByteArray>
#include <QString>

/// How a body is shown: pretty-printed by its content type, as text, or as a hex dump.
class BodyFormat {
public:
    enum class View { Pretty, Raw, Hex };
    /// Bytes shown at most in the hex view (the rest is counted).
    static constexpr qsizetype kHexLimit = 256 * 1024;
    /// Bytes shown at most as text: enough to read, small enough to stay responsive on
    /// bodies of hundreds of megabytes (the rest is counted; the Wire tab has every byte).
    static constexpr qsizetype kTextLimit = 256 * 1024;

    /// JSON and XML re-indented by two spaces when well-formed (JSON keeps its key order and
    /// number digits); anything else as UTF-8 text.
    /// Bodies over kTextLimit are shown raw, cut, with a note.
    static QString pretty(const QByteArray &body, const QByteArray &contentType,
                          qsizetype total = -1);
    /// Text in the charset `contentType` names (UTF-8 when it names none, or one Qt does not
    /// know), cut at kTextLimit with a note of what is left. `total`: the whole body's size when
    /// `body` holds only its start (-1: body is all of it).
    static QString text(const QByteArray &body, qsizetype total = -1,
                        const QByteArray &contentType = {});
    /// Decodes `bytes` in the charset of `contentType` (`; charset=iso-8859-1`…), else UTF-8.
    static QString decode(const QByteArray &bytes, const QByteArray &contentType);
    /// Where JSON or XML (by `contentType`) is not well-formed: "line 3, column 7: …", with the
    /// 0-based character offset in `offset`; empty when it is fine or of another type.
    static QString syntaxError(const QByteArray &body, const QByteArray &contentType,
                               qsizetype *offset = nullptr);
    /// The last line of a view that shows only `shown` bytes of `total`: "… N more bytes (T in
    /// all)". While a body streams in, only this line changes.
    static QString moreBytes(qsizetype shown, qsizetype total);
    /// `00000010  48 54 54 50 …  |HTTP…|`, 16 bytes a line.
    static QString hex(const QByteArray &body, qsizetype total = -1);
    /// How much of a body the views ever need.
    static constexpr qsizetype kKept = (kTextLimit > kHexLimit ? kTextLimit : kHexLimit) + 1;
    static bool isImage(const QByteArray &contentType) { return contentType.startsWith("image/"); }
};
