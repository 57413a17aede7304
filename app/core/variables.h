#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace wb {

/// An environment's variables and `{{name}}` substitution (Postman's and Insomnia's syntax).
/// Node has no equivalent: the substituted text is what reaches `http.request()`.
class Variables {
public:
    /// Where a `{{name}}` is in a text.
    struct Use {
        qsizetype start = 0;
        qsizetype length = 0;
        QString name;
    };

    Variables() = default;
    explicit Variables(const QMap<QString, QString> &values)
        : m_values(values)
    {
    }

    const QMap<QString, QString> &values() const { return m_values; }
    bool isDefined(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }
    /// Every `{{name}}` in `text`, in order (whitespace inside the braces allowed).
    static QList<Use> uses(const QString &text);
    /// `text` with each known `{{name}}` replaced by its value; unknown ones stay as written.
    QString substitute(const QString &text) const;
    QByteArray substitute(const QByteArray &text) const;

private:
    QMap<QString, QString> m_values;
};

} // namespace wb
