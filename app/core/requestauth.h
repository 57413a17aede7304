#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace wb {

class Variables;

/// The Auth tab: Basic (Node's `auth: 'user:password'` option makes the same header) or a
/// Bearer token, sent as the Authorization header unless the request has its own.
class RequestAuth {
public:
    enum class Type { None, Basic, Bearer };

    Type type = Type::None;
    QString user;
    QString password;
    QString token;

    /// "Basic base64(user:password)", "Bearer token", or empty; `{{variables}}` filled in.
    QByteArray header(const Variables &vars) const;
    /// How it is saved in a workspace request file.
    QJsonObject toJson() const;
    static RequestAuth fromJson(const QJsonObject &o);

    friend bool operator==(const RequestAuth &, const RequestAuth &) = default;
};

} // namespace wb
