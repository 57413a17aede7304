#include "headers.h"

#include <QJsonArray>

namespace http {

namespace {

enum class Join { Comma, Semicolon, List, DropDuplicates };

// Node's matchKnownFields(): which rule a field name follows.
Join joinRule(QByteArrayView lower)
{
    static const QByteArrayView dropDuplicates[] = {"age",
                                                    "host",
                                                    "from",
                                                    "etag",
                                                    "server",
                                                    "referer",
                                                    "expires",
                                                    "location",
                                                    "user-agent",
                                                    "retry-after",
                                                    "content-type",
                                                    "max-forwards",
                                                    "authorization",
                                                    "last-modified",
                                                    "content-length",
                                                    "if-modified-since",
                                                    "proxy-authorization",
                                                    "if-unmodified-since"};
    if (lower == "set-cookie")
        return Join::List;
    if (lower == "cookie")
        return Join::Semicolon;
    for (QByteArrayView name : dropDuplicates)
        if (lower == name)
            return Join::DropDuplicates;
    return Join::Comma;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

const Headers::Field *Headers::find(QByteArrayView name) const
{
    for (const Field &f : m_fields)
        if (equalsIgnoringCase(f.name, name))
            return &f;
    return nullptr;
}

Headers::Field *Headers::findMutable(QByteArrayView lowerName)
{
    for (Field &f : m_fields)
        if (f.name == lowerName)
            return &f;
    return nullptr;
}

void Headers::addHeaderLine(QByteArrayView name, const QByteArray &value, bool joinDuplicates)
{
    const QByteArray lower = name.toByteArray().toLower();
    const Join rule = joinRule(lower);
    Field *existing = findMutable(lower);
    if (!existing) {
        m_fields.append({lower, {value}, rule == Join::List});
        return;
    }
    switch (rule) {
    case Join::List:
        existing->values.append(value);
        break;
    case Join::Comma:
    case Join::Semicolon:
        existing->values.first() += (rule == Join::Comma ? ", " : "; ") + value;
        break;
    case Join::DropDuplicates:
        if (joinDuplicates)
            existing->values.first() += ", " + value;
        break;
    }
}

Headers Headers::fromRaw(const QByteArrayList &raw, bool joinDuplicates)
{
    Headers headers;
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
        headers.addHeaderLine(raw[i], raw[i + 1], joinDuplicates);
    return headers;
}

Headers Headers::distinctFromRaw(const QByteArrayList &raw)
{
    Headers headers;
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2) {
        const QByteArray lower = raw[i].toLower();
        if (Field *f = headers.findMutable(lower))
            f->values.append(raw[i + 1]);
        else
            headers.m_fields.append({lower, {raw[i + 1]}, true});
    }
    return headers;
}

void Headers::insert(const QByteArray &lowerName, QByteArrayList values, bool isList)
{
    if (Field *f = findMutable(lowerName)) {
        f->values = std::move(values);
        f->isList = isList;
    } else {
        m_fields.append({lowerName, std::move(values), isList});
    }
}

QByteArray Headers::value(QByteArrayView name) const
{
    const Field *f = find(name);
    return f ? f->values.join(", ") : QByteArray();
}

QByteArrayList Headers::values(QByteArrayView name) const
{
    const Field *f = find(name);
    return f ? f->values : QByteArrayList();
}

QJsonObject Headers::toJson() const
{
    QJsonObject object;
    for (const Field &f : m_fields) {
        const QString key = QString::fromLatin1(f.name);
        if (f.isList) {
            QJsonArray list;
            for (const QByteArray &v : f.values)
                list.append(QString::fromLatin1(v));
            object.insert(key, list);
        } else {
            object.insert(key, QString::fromLatin1(f.values.value(0)));
        }
    }
    return object;
}

} // namespace http
