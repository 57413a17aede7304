#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace http {

/// Node's `Error` with its `code` (ERR_HTTP_HEADERS_SENT, HPE_INVALID_METHOD, ECONNRESET…).
/// A null HttpError (no code) means success; calls Node would throw on return one instead.
class HttpError {
public:
    HttpError() = default;
    HttpError(QByteArray code, QString message)
        : m_code(std::move(code))
        , m_message(std::move(message))
    {
    }

    bool isNull() const { return m_code.isEmpty(); }
    explicit operator bool() const { return !isNull(); }
    const QByteArray &code() const { return m_code; }
    const QString &message() const { return m_message; }
    QString toString() const
    {
        return QStringLiteral("%1: %2").arg(QString::fromLatin1(m_code), m_message);
    }

private:
    QByteArray m_code;
    QString m_message;
};

} // namespace http

Q_DECLARE_METATYPE(http::HttpError)
