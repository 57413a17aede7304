#include "bodyformat.h"

#include <QJsonDocument>
#include <QObject>
#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

QString BodyFormat::decode(const QByteArray &bytes, const QByteArray &contentType)
{
    const qsizetype at = contentType.toLower().indexOf("charset=");
    if (at >= 0) {
        QByteArray name = contentType.mid(at + 8).split(';').first().trimmed();
        if (name.startsWith('"') && name.endsWith('"') && name.size() > 1)
            name = name.mid(1, name.size() - 2);
        QStringDecoder decoder(name.constData());
        if (decoder.isValid())
            return decoder(bytes);
    }
    return QString::fromUtf8(bytes);
}

QString BodyFormat::text(const QByteArray &body, qsizetype total, const QByteArray &contentType)
{
    if (total < 0)
        total = body.size();
    if (total <= kTextLimit)
        return decode(body, contentType);
    return decode(body.left(kTextLimit), contentType) + u'\n' + moreBytes(kTextLimit, total);
}

namespace {

// JSON re-indented by two spaces as written: keys keep their order and numbers their digits
// (QJsonDocument would sort the keys and round big integers). Null when it is not JSON.
QString reindentJson(const QByteArray &json)
{
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return {};
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&] {
        out += '\n';
        out.append(depth * 2, ' ');
    };
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < json.size() && isSpace(json[next]))
                ++next;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += c; // empty: stays {} or []
                out += json[next];
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            if (!isSpace(c))
                out += c;
        }
    }
    out += '\n';
    return QString::fromUtf8(out);
}

} // namespace

QString BodyFormat::pretty(const QByteArray &body, const QByteArray &contentType, qsizetype total)
{
    if ((total < 0 ? body.size() : total) > kTextLimit)
        return text(body, total, contentType);
    const QByteArray type = contentType.toLower();
    if (type.contains("json")) {
        if (const QString json = reindentJson(body); !json.isNull())
            return json;
    } else if (type.contains("xml")) {
        QXmlStreamReader reader(body);
        QByteArray out;
        QXmlStreamWriter writer(&out);
        writer.setAutoFormatting(true);
        writer.setAutoFormattingIndent(2);
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isWhitespace())
                continue;
            if (reader.isStartDocument() && reader.documentVersion().isEmpty())
                continue; // no declaration in the body: do not add one
            writer.writeCurrentToken(reader);
        }
        if (!reader.hasError()) {
            // Auto-formatting starts the first element on a new line even without a declaration.
            while (out.startsWith('\n'))
                out.remove(0, 1);
            return QString::fromUtf8(out);
        }
    }
    return text(body, -1, contentType);
}

QString BodyFormat::syntaxError(const QByteArray &body, const QByteArray &contentType,
                                qsizetype *offset)
{
    const QByteArray type = contentType.toLower();
    qsizetype at = -1;
    QString what;
    if (type.contains("json")) {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError)
            return {};
        at = qBound(qsizetype(0), qsizetype(error.offset), body.size());
        what = error.errorString();
    } else if (type.contains("xml")) {
        QXmlStreamReader reader(body);
        while (!reader.atEnd())
            reader.readNext();
        if (!reader.hasError())
            return {};
        at = qBound(qsizetype(0), qsizetype(reader.characterOffset()), body.size());
        what = reader.errorString();
    } else {
        return {};
    }
    const QByteArray before = body.left(at);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size() + 1;
    if (offset)
        *offset = QString::fromUtf8(before).size();
    return QObject::tr("line %1, column %2: %3").arg(line).arg(column).arg(what);
}

QString BodyFormat::moreBytes(qsizetype shown, qsizetype total)
{
    return QStringLiteral("… %1 more bytes (%2 in all)").arg(total - shown).arg(total);
}

QString BodyFormat::hex(const QByteArray &body, qsizetype total)
{
    if (total < 0)
        total = body.size();
    const qsizetype shown = qMin(body.size(), kHexLimit);
    QString out;
    out.reserve(shown * 4 + 64);
    for (qsizetype line = 0; line < shown; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < shown) {
                const auto c = static_cast<unsigned char>(body[i]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
            if (i == line + 7)
                out += u' ';
        }
        out += u'|' + ascii + QLatin1String("|\n");
    }
    if (total > shown)
        out += moreBytes(shown, total);
    return out;
}
