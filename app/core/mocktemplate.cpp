#include "mocktemplate.h"

#include "mockrequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace wb {

namespace {

// A JSON value as template text: strings as they are, numbers and booleans as JSON writes them,
// objects and arrays compact.
QByteArray jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString().toUtf8();
    case QJsonValue::Bool:
        return v.toBool() ? "true" : "false";
    case QJsonValue::Double:
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    case QJsonValue::Object:
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    case QJsonValue::Array:
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    default:
        return {};
    }
}

QByteArray bodyField(const MockRequest &request, const QByteArray &path)
{
    const QJsonDocument &doc = request.json();
    QJsonValue at = doc.isObject()  ? QJsonValue(doc.object())
                    : doc.isArray() ? QJsonValue(doc.array())
                                    : QJsonValue();
    for (const QByteArray &key : path.split('.')) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        if (at.isArray() && isIndex)
            at = at.toArray().at(index);
        else if (at.isObject())
            at = at.toObject().value(QString::fromUtf8(key));
        else
            return {};
    }
    return jsonText(at);
}

} // namespace

QByteArray MockTemplate::value(const QByteArray &name, const MockRequest &request, qint64 counter)
{
    if (name == "request.method")
        return request.method();
    if (name == "request.url")
        return request.url();
    if (name == "request.path")
        return request.path().toLatin1();
    if (name == "request.body")
        return request.body();
    if (name == "counter")
        return QByteArray::number(counter);
    if (name == "uuid")
        return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (name == "now")
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    if (name.startsWith("request.params."))
        return request.params.value(QString::fromUtf8(name.mid(15))).toUtf8();
    if (name.startsWith("request.query."))
        return request.query(QString::fromUtf8(name.mid(14))).toUtf8();
    if (name.startsWith("request.headers."))
        return request.header(name.mid(16).toLower());
    if (name.startsWith("request.body."))
        return bodyField(request, name.mid(13));
    return {};
}

QByteArray MockTemplate::render(const QByteArray &text, const MockRequest &request, qint64 counter)
{
    QByteArray out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf("{{", i);
        if (open < 0)
            break;
        out += QByteArrayView(text).sliced(i, open - i);
        if (text.mid(open, 4) == "{{{{") { // a literal "{{"
            out += "{{";
            i = open + 4;
            continue;
        }
        const qsizetype close = text.indexOf("}}", open + 2);
        if (close < 0) {
            i = open;
            break;
        }
        out += value(text.mid(open + 2, close - open - 2).trimmed(), request, counter);
        i = close + 2;
    }
    out += QByteArrayView(text).sliced(i);
    return out;
}

} // namespace wb
