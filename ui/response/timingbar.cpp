#include "timingbar.h"

#include <QPainter>

namespace {

const QColor kColors[] = {QColor(0x8a, 0x8a, 0x8a), QColor(0x3d, 0x84, 0xc6),
                          QColor(0xe0, 0x9f, 0x3e), QColor(0x4c, 0xaf, 0x50),
                          QColor(0x9c, 0x6a, 0xd8)};

} // namespace

TimingBar::TimingBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timingBar"));
}

void TimingBar::setPhases(const QList<Phase> &phases)
{
    m_phases = phases;
    setToolTip(summary());
    update();
}

QString TimingBar::summary() const
{
    QStringList parts;
    for (const Phase &p : m_phases)
        parts << QStringLiteral("%1 %2 ms").arg(p.name).arg(p.endMs - p.startMs, 0, 'f', 3);
    return parts.join(QStringLiteral(" · "));
}

void TimingBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = rect().adjusted(0, 2, -1, -2);
    painter.fillRect(area, palette().alternateBase());
    if (m_phases.isEmpty())
        return;
    const double start = m_phases.first().startMs;
    double end = start;
    for (const Phase &p : m_phases)
        end = qMax(end, p.endMs);
    const double total = qMax(end - start, 0.001);
    for (qsizetype i = 0; i < m_phases.size(); ++i) {
        const Phase &p = m_phases[i];
        const double x0 = area.left() + area.width() * (p.startMs - start) / total;
        const double x1 = area.left() + area.width() * (p.endMs - start) / total;
        painter.fillRect(QRectF(x0, area.top(), qMax(1.0, x1 - x0), area.height()), kColors[i % 5]);
    }
}
