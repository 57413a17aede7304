#include "variables.h"

#include <QRegularExpression>

namespace wb {

QList<Variables::Use> Variables::uses(const QString &text)
{
    QList<Use> out;
    if (!text.contains(QLatin1String("{{")))
        return out;
    static const QRegularExpression variable(
        QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"));
    for (auto it = variable.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out.append({m.capturedStart(), m.capturedLength(), m.captured(1)});
    }
    return out;
}

QString Variables::substitute(const QString &text) const
{
    QString out;
    qsizetype last = 0;
    for (const Use &use : uses(text)) {
        out += QStringView(text).mid(last, use.start - last);
        out += m_values.contains(use.name) ? m_values.value(use.name)
                                           : text.mid(use.start, use.length);
        last = use.start + use.length;
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

QByteArray Variables::substitute(const QByteArray &text) const
{
    return text.contains("{{") ? substitute(QString::fromUtf8(text)).toUtf8() : text;
}

} // namespace wb
