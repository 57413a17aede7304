#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace wb {

class Variables;

/// A request body as composed, in the modes Postman and Insomnia offer: raw text with a content
/// type, an x-www-form-urlencoded or multipart/form-data table, or a file sent as it is. Node has
/// no equivalent: encode() gives the bytes handed to `req.end()` and their Content-Type.
class RequestBody {
public:
    enum class Mode { None, Raw, Form, Multipart, File };
    struct Field {
        bool enabled = true;
        QString name;
        QString value; ///< the text, or a file's path when isFile
        bool isFile = false;
        friend bool operator==(const Field &, const Field &) = default;
    };
    struct Encoded {
        QByteArray bytes;
        QByteArray contentType; ///< empty: none implied (raw text with no type, no body)
        QString error;          ///< a file that cannot be read, with its path and reason
    };

    Mode mode = Mode::None;
    QString rawType;     ///< Raw: the Content-Type ("application/json"…); may be empty
    QString text;        ///< Raw: the text, sent as UTF-8
    QList<Field> fields; ///< Form and Multipart
    QString filePath;    ///< File

    /// The bytes to send and their type, `{{variables}}` filled in from `vars` (in text, field
    /// names and values, and file paths; never inside a file's bytes). `boundary`: multipart's,
    /// made at random when empty.
    Encoded encode(const Variables &vars, QByteArray boundary = {}) const;
    /// A boundary as browsers make them: 16 random alphanumerics after a fixed prefix.
    static QByteArray makeBoundary();
    /// `name=value&…` with spaces as '+' (the HTML form encoding).
    static QByteArray formEncode(const QString &text);

    /// How it is saved in a workspace request file (readable, no file contents).
    QJsonObject toJson() const;
    static RequestBody fromJson(const QJsonObject &o);
    static QString modeName(Mode mode);

    friend bool operator==(const RequestBody &, const RequestBody &) = default;
};

} // namespace wb
