#pragma once

#include "headers.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QMap>
#include <QString>

#include <optional>

namespace http {
class IncomingMessage;
} // namespace http

namespace wb {

/// A request as a mock route sees it: what "match" rules test and templates read. The query and
/// the JSON body are decoded only when asked for. Node has no equivalent (Express's `req.params`,
/// `req.query` and `req.body` are the nearest).
class MockRequest {
public:
    MockRequest(const http::IncomingMessage &message, const QByteArray &body);

    const QByteArray &method() const { return m_method; }
    const QByteArray &url() const { return m_url; }
    /// The URL's path, as received (no query).
    const QString &path() const { return m_path; }
    /// A query parameter, decoded ("" when absent); `found` says whether it is there.
    QString query(const QString &name, bool *found = nullptr) const;
    /// Node's `headers` object: the value joined as Node joins it ("" when absent).
    QByteArray header(QByteArrayView lowerName) const { return m_headers.value(lowerName); }
    bool hasHeader(QByteArrayView lowerName) const
    {
        return !m_headers.values(lowerName).isEmpty();
    }
    const QByteArray &body() const { return m_body; }
    /// The body as JSON (null when it is not JSON).
    const QJsonDocument &json() const;
    /// `:name` segments of the route that matched.
    QMap<QString, QString> params;

private:
    QByteArray m_method;
    QByteArray m_url;
    QString m_path;
    http::Headers m_headers;
    QByteArray m_body;
    mutable std::optional<QList<QPair<QString, QString>>> m_query;
    mutable std::optional<QJsonDocument> m_json;
};

} // namespace wb
