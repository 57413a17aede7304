#include "mockrequest.h"

#include "incomingmessage.h"

#include <QUrlQuery>

namespace wb {

MockRequest::MockRequest(const http::IncomingMessage &message, const QByteArray &body)
    : m_method(message.method())
    , m_url(message.url())
    , m_headers(message.headers())
    , m_body(body)
{
    const qsizetype q = m_url.indexOf('?');
    m_path = QString::fromLatin1(q < 0 ? m_url : m_url.left(q));
}

QString MockRequest::query(const QString &name, bool *found) const
{
    if (!m_query) {
        const qsizetype q = m_url.indexOf('?');
        QByteArray text = q < 0 ? QByteArray() : m_url.mid(q + 1);
        text.replace('+', ' '); // a form's space
        m_query = QUrlQuery(QString::fromUtf8(text)).queryItems(QUrl::FullyDecoded);
    }
    for (const auto &[key, value] : *m_query) {
        if (key == name) {
            if (found)
                *found = true;
            return value;
        }
    }
    if (found)
        *found = false;
    return {};
}

const QJsonDocument &MockRequest::json() const
{
    if (!m_json)
        m_json = QJsonDocument::fromJson(m_body);
    return *m_json;
}

} // namespace wb
