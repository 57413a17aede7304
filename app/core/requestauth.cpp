#include "requestauth.h"

#include "variables.h"

namespace wb {

QByteArray RequestAuth::header(const Variables &vars) const
{
    switch (type) {
    case Type::Basic:
        return "Basic " +
               (vars.substitute(user) + u':' + vars.substitute(password)).toUtf8().toBase64();
    case Type::Bearer: {
        const QString t = vars.substitute(token).trimmed();
        return t.isEmpty() ? QByteArray() : "Bearer " + t.toUtf8();
    }
    case Type::None:
        break;
    }
    return {};
}

QJsonObject RequestAuth::toJson() const
{
    switch (type) {
    case Type::Basic:
        return {{QStringLiteral("type"), QStringLiteral("basic")},
                {QStringLiteral("user"), user},
                {QStringLiteral("password"), password}};
    case Type::Bearer:
        return {{QStringLiteral("type"), QStringLiteral("bearer")},
                {QStringLiteral("token"), token}};
    case Type::None:
        break;
    }
    return {{QStringLiteral("type"), QStringLiteral("none")}};
}

RequestAuth RequestAuth::fromJson(const QJsonObject &o)
{
    RequestAuth a;
    const QString type = o.value(QStringLiteral("type")).toString();
    a.type = type == QLatin1String("basic")    ? Type::Basic
             : type == QLatin1String("bearer") ? Type::Bearer
                                               : Type::None;
    a.user = o.value(QStringLiteral("user")).toString();
    a.password = o.value(QStringLiteral("password")).toString();
    a.token = o.value(QStringLiteral("token")).toString();
    return a;
}

} // namespace wb
