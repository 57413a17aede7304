#include "requestbody.h"

#include "variables.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QRandomGenerator>

#include <optional>

namespace wb {

namespace {

const char *const kModeNames[] = {"none", "raw", "form", "multipart", "file"};

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (path.isEmpty()) {
        *error = QStringLiteral("no file chosen");
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

// A form-data name or filename inside quotes, escaped as the HTML standard says (and browsers
// and undici do): '"' as %22, CR as %0D, LF as %0A.
QByteArray quoted(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + out + '"';
}

} // namespace

QByteArray RequestBody::makeBoundary()
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QByteArray out("----WirebenchFormBoundary");
    for (int i = 0; i < 16; ++i)
        out += alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)];
    return out;
}

QByteArray RequestBody::formEncode(const QString &text)
{
    return text.toUtf8().toPercentEncoding(" ").replace(' ', '+');
}

RequestBody::Encoded RequestBody::encode(const Variables &vars, QByteArray boundary) const
{
    Encoded out;
    switch (mode) {
    case Mode::None:
        break;
    case Mode::Raw:
        out.bytes = vars.substitute(text).toUtf8();
        out.contentType = rawType.trimmed().toLatin1();
        break;
    case Mode::Form:
        for (const Field &f : fields) {
            if (!f.enabled || f.name.isEmpty())
                continue;
            if (!out.bytes.isEmpty())
                out.bytes += '&';
            out.bytes +=
                formEncode(vars.substitute(f.name)) + '=' + formEncode(vars.substitute(f.value));
        }
        out.contentType = "application/x-www-form-urlencoded";
        break;
    case Mode::Multipart: {
        if (boundary.isEmpty())
            boundary = makeBoundary();
        static const QMimeDatabase mimes;
        for (const Field &f : fields) {
            if (!f.enabled || f.name.isEmpty())
                continue;
            out.bytes += "--" + boundary + "\r\nContent-Disposition: form-data; name=" +
                         quoted(vars.substitute(f.name));
            if (f.isFile) {
                const QString path = vars.substitute(f.value);
                const std::optional<QByteArray> content = readFile(path, &out.error);
                if (!content)
                    return out;
                out.bytes += "; filename=" + quoted(QFileInfo(path).fileName()) +
                             "\r\nContent-Type: " +
                             mimes.mimeTypeForFileNameAndData(path, *content).name().toLatin1() +
                             "\r\n\r\n" + *content + "\r\n";
            } else {
                out.bytes += "\r\n\r\n" + vars.substitute(f.value).toUtf8() + "\r\n";
            }
        }
        out.bytes += "--" + boundary + "--\r\n";
        out.contentType = "multipart/form-data; boundary=" + boundary;
        break;
    }
    case Mode::File: {
        const QString path = vars.substitute(filePath);
        const std::optional<QByteArray> content = readFile(path, &out.error);
        if (!content)
            return out;
        out.bytes = *content;
        out.contentType =
            QMimeDatabase().mimeTypeForFileNameAndData(path, out.bytes).name().toLatin1();
        break;
    }
    }
    return out;
}

QString RequestBody::modeName(Mode mode)
{
    return QString::fromLatin1(kModeNames[int(mode)]);
}

QJsonObject RequestBody::toJson() const
{
    QJsonObject o{{QStringLiteral("mode"), modeName(mode)}};
    switch (mode) {
    case Mode::None:
        break;
    case Mode::Raw:
        o.insert(QStringLiteral("contentType"), rawType);
        o.insert(QStringLiteral("text"), text);
        break;
    case Mode::Form:
    case Mode::Multipart: {
        QJsonArray list;
        for (const Field &f : fields) {
            QJsonObject field{
                {QStringLiteral("name"), f.name},
                {f.isFile ? QStringLiteral("file") : QStringLiteral("value"), f.value}};
            if (!f.enabled)
                field.insert(QStringLiteral("enabled"), false);
            list.append(field);
        }
        o.insert(QStringLiteral("fields"), list);
        break;
    }
    case Mode::File:
        o.insert(QStringLiteral("file"), filePath);
        break;
    }
    return o;
}

RequestBody RequestBody::fromJson(const QJsonObject &o)
{
    RequestBody b;
    const QString mode = o.value(QStringLiteral("mode")).toString();
    for (int m = 0; m < int(std::size(kModeNames)); ++m)
        if (mode == QLatin1String(kModeNames[m]))
            b.mode = Mode(m);
    b.rawType = o.value(QStringLiteral("contentType")).toString();
    b.text = o.value(QStringLiteral("text")).toString();
    b.filePath = o.value(QStringLiteral("file")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("fields")).toArray()) {
        const QJsonObject f = v.toObject();
        const bool isFile = f.contains(QStringLiteral("file"));
        b.fields.append(
            {f.value(QStringLiteral("enabled")).toBool(true),
             f.value(QStringLiteral("name")).toString(),
             f.value(isFile ? QStringLiteral("file") : QStringLiteral("value")).toString(),
             isFile});
    }
    return b;
}

} // namespace wb
