#include "poollanesview.h"

#include "poolmodel.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using wb::PoolState;

namespace {

constexpr int kLabelWidth = 260;
constexpr int kRuler = 22;
constexpr int kHeader = 40;
constexpr int kLane = 22;
constexpr int kWaitingLane = 44;
constexpr int kMargin = 12;

// The phases of a request, in the colours of DevTools' waterfall where it has them.
// Dark enough for white labels (contrast 4.5:1 or more) in both themes.
const QColor kQueued(0xd9, 0xa4, 0x1e);
const QColor kConnect(0xb8, 0x5c, 0x0d);
const QColor kTls(0x7b, 0x45, 0xc4);
const QColor kSend(0x2c, 0x6c, 0xb5);
const QColor kWait(0x5f, 0x6b, 0x78);
const QColor kReceive(0x1f, 0x7f, 0x47);
const QColor kFree(0x1f, 0xa5, 0xa5);
const QColor kBroken(0xd9, 0x3f, 0x3f);

QColor stateColor(PoolState::SocketState s)
{
    switch (s) {
    case PoolState::SocketState::Connecting:
        return kConnect;
    case PoolState::SocketState::Handshake:
        return kTls;
    case PoolState::SocketState::Writing:
        return kSend;
    case PoolState::SocketState::Waiting:
        return kWait;
    case PoolState::SocketState::Reading:
        return kReceive;
    case PoolState::SocketState::Free:
        return kFree;
    case PoolState::SocketState::Destroyed:
        return kBroken;
    }
    return kWait;
}

QString msText(double ms)
{
    if (ms >= 3600000)
        return QStringLiteral("%1 h").arg(ms / 3600000, 0, 'f', 1);
    if (ms >= 60000)
        return QStringLiteral("%1 min").arg(ms / 60000, 0, 'f', 1);
    if (ms >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    if (ms >= 1000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 1 : 0);
}

} // namespace

PoolLanesView::PoolLanesView(PoolModel *model, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_model(model)
{
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus); // for Ctrl+0
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto changed = [this] {
        relayout();
        viewport()->update();
    };
    connect(model, &QAbstractItemModel::modelReset, this, changed);
    connect(model, &QAbstractItemModel::rowsInserted, this, changed);
    connect(model, &QAbstractItemModel::dataChanged, this, changed);
    relayout();
}

void PoolLanesView::setNow(double ms)
{
    m_now = ms;
    updateScrollBars();
    viewport()->update();
}

void PoolLanesView::setLimits(const QString &text)
{
    m_limits = text;
    viewport()->update();
}

void PoolLanesView::setFit(bool on)
{
    if (!on && m_fit)
        m_zoomMsPerPx = msPerPx();
    m_fit = on;
    updateScrollBars();
    viewport()->update();
}

void PoolLanesView::selectSocket(const QString &group, quint64 socket)
{
    m_group = group;
    m_socket = socket;
    m_request = 0;
    const int g = m_model->state().groupIndex(group);
    const int s = m_model->state().socketIndex(g, socket);
    for (size_t i = 0; i < m_lanes.size(); ++i)
        if (m_lanes[i].kind == Lane::Socket && m_lanes[i].group == g && m_lanes[i].socket == s)
            verticalScrollBar()->setValue(
                std::clamp(verticalScrollBar()->value(),
                           m_tops[i] + kLane - viewport()->height() + kRuler, m_tops[i]));
    viewport()->update();
}

void PoolLanesView::selectRequest(int request)
{
    const auto [g, b] = m_model->state().findRequest(request);
    if (g < 0) {
        m_request = 0;
        viewport()->update();
        return;
    }
    const PoolState::Group &group = m_model->state().groups()[size_t(g)];
    selectSocket(group.name, group.bars[size_t(b)].socket);
    m_request = request;
    viewport()->update();
}

void PoolLanesView::relayout()
{
    m_lanes.clear();
    m_tops.clear();
    int y = 0;
    const auto &groups = m_model->state().groups();
    for (int g = 0; g < int(groups.size()); ++g) {
        m_lanes.push_back({Lane::Header, g, -1});
        m_tops.push_back(y);
        y += kHeader;
        const bool queued =
            std::any_of(groups[size_t(g)].bars.cbegin(), groups[size_t(g)].bars.cend(),
                        [](const PoolState::Bar &b) { return b.queued >= 0; });
        if (queued) {
            m_lanes.push_back({Lane::Waiting, g, -1});
            m_tops.push_back(y);
            y += kWaitingLane;
        }
        for (int s = 0; s < int(groups[size_t(g)].sockets.size()); ++s) {
            m_lanes.push_back({Lane::Socket, g, s});
            m_tops.push_back(y);
            y += kLane;
        }
    }
    m_contentHeight = y;
    updateScrollBars();
}

void PoolLanesView::updateScrollBars()
{
    const int height = viewport()->height() - kRuler;
    verticalScrollBar()->setPageStep(height);
    verticalScrollBar()->setSingleStep(kLane);
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - height));
    const int width = viewport()->width() - kLabelWidth - kMargin;
    const int content = m_fit ? 0 : int(std::ceil(span() / m_zoomMsPerPx));
    horizontalScrollBar()->setPageStep(width);
    horizontalScrollBar()->setRange(0, std::max(0, content - width));
}

double PoolLanesView::span() const
{
    // Up to a little after the last event: idle sockets' time keeps running in their labels
    // without squeezing the run into the left of the view.
    return std::max({std::min(m_now, m_model->state().lastMs() * 1.15 + 50), 100.0});
}

double PoolLanesView::msPerPx() const
{
    if (!m_fit)
        return m_zoomMsPerPx;
    const int width = std::max(50, viewport()->width() - kLabelWidth - kMargin);
    return span() / width;
}

int PoolLanesView::xOf(double ms) const
{
    return kLabelWidth + int(std::floor(ms / msPerPx())) -
           (m_fit ? 0 : horizontalScrollBar()->value());
}

double PoolLanesView::msAt(int x) const
{
    return (x - kLabelWidth + (m_fit ? 0 : horizontalScrollBar()->value())) * msPerPx();
}

int PoolLanesView::laneTop(int lane) const
{
    return kRuler + m_tops[size_t(lane)] - verticalScrollBar()->value();
}

int PoolLanesView::laneAt(int y) const
{
    if (y < kRuler)
        return -1;
    const int content = y - kRuler + verticalScrollBar()->value();
    const auto it = std::upper_bound(m_tops.cbegin(), m_tops.cend(), content);
    if (it == m_tops.cbegin() || content >= m_contentHeight)
        return -1;
    return int(it - m_tops.cbegin()) - 1;
}

void PoolLanesView::paintEvent(QPaintEvent *)
{
    QElapsedTimer clock;
    clock.start();
    QPainter p(viewport());
    const QPalette &pal = palette();
    const QRect area = viewport()->rect();
    const PoolState &state = m_model->state();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlpha(40);
    QColor dim = text;
    dim.setAlpha(150);
    const QFontMetrics fm(font());
    const double now = m_now;
    const double t0 = msAt(kLabelWidth), t1 = msAt(area.width());

    // Grid lines on a 1-2-5 step at least 90 px apart.
    double step = 1;
    while (step / msPerPx() < 90)
        step *= (QString::number(step).startsWith(u'2') ? 2.5 : 2);
    p.setPen(faint);
    if (!state.groups().empty())
        for (double t = std::floor(std::max(0.0, t0) / step) * step; t <= t1; t += step)
            if (xOf(t) >= kLabelWidth)
                p.drawLine(xOf(t), kRuler, xOf(t), area.bottom());

    // A pool's header: its name, Node's live numbers, the limits, the counters.
    auto paintHeader = [&](int group, int top) {
        const PoolState::Group &g = state.groups()[size_t(group)];
        const QRect r(0, top, area.width(), kHeader);
        p.fillRect(r, pal.color(QPalette::AlternateBase));
        p.setPen(faint);
        p.drawLine(r.bottomLeft(), r.bottomRight());
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(text);
        const QRect line1(8, top + 3, area.width() - 16, kHeader / 2 - 2);
        p.drawText(line1, Qt::AlignLeft | Qt::AlignVCenter, g.name);
        const int nameWidth = QFontMetrics(bold).horizontalAdvance(g.name);
        p.setFont(font());
        const QString numbers = tr("sockets %1 · freeSockets %2 · requests %3")
                                    .arg(g.busy)
                                    .arg(g.free)
                                    .arg(g.queue.size());
        p.drawText(line1.adjusted(nameWidth + 16, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   numbers);
        // The limits at the right, cut short rather than over the numbers.
        const int room = line1.width() - nameWidth - 16 - fm.horizontalAdvance(numbers) - 24;
        p.setPen(dim);
        p.drawText(line1, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(m_limits, Qt::ElideRight, std::max(0, room)));
        const PoolState::Counters c = state.counters(group);
        p.drawText(QRect(8, top + kHeader / 2, area.width() - 16, kHeader / 2 - 2),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr("created %1 · reused %2 · destroyed %3 · max at once %4 · waited for "
                      "a socket %5 (p50 %6, max %7)")
                       .arg(c.created)
                       .arg(c.reused)
                       .arg(c.destroyed)
                       .arg(c.maxConcurrent)
                       .arg(c.queuedCount)
                       .arg(msText(c.queuedP50), msText(c.queuedMax)));
    };

    const int first = std::max(0, laneAt(kRuler));
    for (int i = first; i < int(m_lanes.size()); ++i) {
        const int top = laneTop(i);
        if (top > area.bottom())
            break;
        const Lane &lane = m_lanes[size_t(i)];
        const PoolState::Group &g = state.groups()[size_t(lane.group)];
        if (lane.kind == Lane::Header) {
            paintHeader(lane.group, top);
            continue;
        }
        const QRect label(0, top, kLabelWidth - 6, kLane);
        const int mid = top + kLane / 2;
        if (lane.kind == Lane::Waiting) {
            p.setPen(dim);
            p.drawText(QRect(0, top, kLabelWidth - 6, kLane), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("      ") +
                           tr("waiting for a socket: %1").arg(g.queue.size()));
            // agent.requests[name].length over time: a staircase as tall as the deepest queue.
            std::vector<std::pair<double, int>> steps;
            for (const PoolState::Bar &b : g.bars) {
                if (b.queued < 0)
                    continue;
                steps.emplace_back(b.queued, 1);
                const double out = b.dequeued >= 0 ? b.dequeued : b.end;
                if (out >= 0)
                    steps.emplace_back(out, -1);
            }
            std::sort(steps.begin(), steps.end());
            int depth = 0, deepest = 1;
            for (const auto &step : steps)
                deepest = std::max(deepest, depth += step.second);
            const int height = kWaitingLane - 6, base = top + kWaitingLane - 3;
            QPolygon shape;
            shape << QPoint(xOf(steps.empty() ? 0 : steps.front().first), base);
            depth = 0;
            p.setClipRect(QRect(kLabelWidth, top, area.width() - kLabelWidth, kWaitingLane));
            int labelled = 0; // the depth last written: a level is labelled once
            for (size_t k = 0; k < steps.size(); ++k) {
                const int x = xOf(steps[k].first);
                shape << QPoint(x, base - depth * height / deepest);
                depth += steps[k].second;
                shape << QPoint(x, base - depth * height / deepest);
                const int next = k + 1 < steps.size() ? xOf(steps[k + 1].first) : xOf(now);
                if (depth > 0 && depth != labelled &&
                    next - x > fm.horizontalAdvance(QString::number(depth)) + 8 &&
                    (k + 1 == steps.size() || steps[k + 1].first > steps[k].first)) {
                    p.setPen(text);
                    // Above the level, or inside it when that would leave the lane.
                    const int y = std::max(top + 1, base - depth * height / deepest - fm.height());
                    p.drawText(QRect(x + 3, y, next - x - 3, fm.height()),
                               Qt::AlignLeft | Qt::AlignBottom, QString::number(depth));
                    labelled = depth;
                }
            }
            shape << QPoint(xOf(now), base - depth * height / deepest) << QPoint(xOf(now), base);
            QColor fill = kQueued;
            fill.setAlpha(90);
            p.setPen(QPen(kQueued, 1.5));
            p.setBrush(fill);
            p.drawPolygon(shape);
            p.setBrush(Qt::NoBrush);
            p.setClipping(false);
            continue;
        }
        const PoolState::Socket &s = g.sockets[size_t(lane.socket)];
        const bool selected = s.id == m_socket && g.name == m_group;
        if (selected) {
            QColor h = pal.color(QPalette::Highlight);
            h.setAlpha(50);
            p.fillRect(QRect(0, top, area.width(), kLane), h);
        }
        // The label: a dot in the state's colour, id, local port, state, requests served.
        p.setPen(Qt::NoPen);
        p.setBrush(stateColor(s.state));
        p.drawEllipse(QPoint(12, mid), 5, 5);
        p.setBrush(Qt::NoBrush);
        p.setPen(s.state == PoolState::SocketState::Destroyed ? dim : text);
        QString what = PoolState::stateName(s.state);
        if (s.state == PoolState::SocketState::Destroyed)
            what = s.reason;
        else if (s.state == PoolState::SocketState::Free)
            what += QStringLiteral(" %1").arg(msText(now - s.freeSince));
        QStringList parts{QStringLiteral("#%1").arg(s.id)};
        if (s.port)
            parts << QStringLiteral(":%1").arg(s.port);
        parts << tr("%1 · %2 req").arg(what).arg(s.served());
        p.drawText(label.adjusted(22, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(parts.join(u' '), Qt::ElideRight, label.width() - 22));

        p.setClipRect(QRect(kLabelWidth, top, area.width() - kLabelWidth, kLane));
        // The socket's life: a line from made to destroyed (or now).
        const double lifeEnd = s.destroyed >= 0 ? s.destroyed : now;
        if (lifeEnd >= t0 && s.created <= t1) {
            QColor life = s.state == PoolState::SocketState::Destroyed ? dim : kFree;
            p.setPen(QPen(life, 2));
            p.drawLine(xOf(s.created), mid, xOf(lifeEnd), mid);
            if (s.destroyed >= 0) {
                const int x = xOf(s.destroyed);
                p.setPen(QPen(kBroken, 2));
                p.drawLine(x - 3, mid - 3, x + 3, mid + 3);
                p.drawLine(x - 3, mid + 3, x + 3, mid - 3);
            }
        }
        // Its requests: bars in time order; find the first one that reaches the visible range.
        const auto &bars = s.bars;
        auto it = std::partition_point(bars.cbegin(), bars.cend(), [&](int index) {
            const PoolState::Bar &b = g.bars[size_t(index)];
            return b.end >= 0 && b.end < t0;
        });
        int lastRight = -1;
        for (; it != bars.cend(); ++it) {
            const PoolState::Bar &b = g.bars[size_t(*it)];
            const double start = b.connecting >= 0 ? b.connecting : b.assigned;
            if (start > t1)
                break;
            const double end = b.end >= 0 ? b.end : now;
            const int left = xOf(start), right = std::max(left + 1, xOf(end));
            if (right <= lastRight)
                continue; // under a pixel already drawn
            lastRight = right;
            const QRect whole(QPoint(left, top + 4), QPoint(right, top + kLane - 5));
            auto segment = [&](double from, double to, const QColor &c) {
                if (from < 0)
                    return;
                to = to >= 0 ? std::min(to, end) : end;
                p.fillRect(QRect(QPoint(xOf(from), whole.top()),
                                 QPoint(std::max(xOf(from), xOf(to)), whole.bottom())),
                           c);
            };
            if (b.connecting >= 0)
                segment(b.connecting, b.handshake >= 0 ? b.handshake : b.connected, kConnect);
            segment(b.handshake, b.connected, kTls);
            if (b.connected >= 0)
                segment(std::max(b.assigned, b.connected), b.sent, kSend);
            segment(b.sent, b.response, kWait);
            segment(b.response, -1, kReceive);
            if (!b.ended.isEmpty()) {
                p.setPen(QPen(kBroken, 2));
                p.drawRect(whole);
            }
            if (whole.width() > fm.horizontalAdvance(QStringLiteral("#0000")) + 6) {
                p.setPen(Qt::white);
                p.drawText(whole, Qt::AlignCenter, QStringLiteral("#%1").arg(b.request));
            }
            if (b.request == m_request || (selected && m_request == 0)) {
                p.setPen(QPen(pal.color(QPalette::Highlight), b.request == m_request ? 3 : 1));
                p.drawRect(whole.adjusted(-1, -1, 1, 1));
            }
        }
        p.setClipping(false);
    }

    // The header of the pool whose lanes are at the top stays in view.
    if (first < int(m_lanes.size()) && laneTop(first) < kRuler + 1 &&
        (m_lanes[size_t(first)].kind != Lane::Header || laneTop(first) < kRuler))
        paintHeader(m_lanes[size_t(first)].group, kRuler);

    // The ruler, over everything.
    p.fillRect(QRect(0, 0, area.width(), kRuler), pal.color(QPalette::Window));
    p.setPen(dim);
    p.drawText(QRect(8, 0, kLabelWidth - 16, kRuler), Qt::AlignLeft | Qt::AlignVCenter,
               tr("now %1").arg(msText(now)));
    for (double t = std::floor(std::max(0.0, t0) / step) * step; t <= t1; t += step) {
        const int x = xOf(t);
        if (x < kLabelWidth)
            continue;
        p.drawLine(x, kRuler - 5, x, kRuler);
        if (x + 3 + fm.horizontalAdvance(msText(t)) < area.width())
            p.drawText(x + 3, kRuler - 6, msText(t));
    }
    p.setPen(faint);
    p.drawLine(0, kRuler - 1, area.width(), kRuler - 1);
    if (state.groups().empty()) {
        p.setPen(dim);
        p.drawText(area.adjusted(0, kRuler, 0, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("No pool events yet.\nFire a burst from the bar above, or watch the app's "
                      "Agent and send from a tab: every tab sends through it."));
    }
    m_lastPaintMs = double(clock.nsecsElapsed()) / 1e6;
}

void PoolLanesView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void PoolLanesView::scrollContentsBy(int, int)
{
    viewport()->update();
}

PoolLanesView::Hit PoolLanesView::hitAt(const QPoint &pos) const
{
    Hit hit;
    const int i = laneAt(pos.y());
    if (i < 0)
        return hit;
    const Lane &lane = m_lanes[size_t(i)];
    const PoolState &state = m_model->state();
    const PoolState::Group &g = state.groups()[size_t(lane.group)];
    hit.group = lane.group;
    hit.kind = lane.kind == Lane::Header    ? QStringLiteral("header")
               : lane.kind == Lane::Waiting ? QStringLiteral("waiting")
                                            : QStringLiteral("socket");
    const double t = msAt(pos.x());
    const double slack = 3 * msPerPx();
    if (lane.kind == Lane::Waiting) {
        for (const PoolState::Bar &b : g.bars) {
            const double end = b.dequeued >= 0 ? b.dequeued : b.end >= 0 ? b.end : m_now;
            if (b.queued >= 0 && t >= b.queued && t <= end)
                hit.waiting.push_back(b.request);
        }
    } else if (lane.kind == Lane::Socket) {
        const PoolState::Socket &s = g.sockets[size_t(lane.socket)];
        hit.socket = s.id;
        if (pos.x() >= kLabelWidth)
            for (int index : s.bars) {
                const PoolState::Bar &b = g.bars[size_t(index)];
                const double start = b.connecting >= 0 ? b.connecting : b.assigned;
                const double end = b.end >= 0 ? b.end : m_now;
                if (t >= start - slack && t <= end + slack)
                    hit.request = b.request;
            }
    }
    return hit;
}

QRect PoolLanesView::barRect(int request) const
{
    const auto [g, b] = m_model->state().findRequest(request);
    if (g < 0)
        return {};
    const PoolState::Bar &bar = m_model->state().groups()[size_t(g)].bars[size_t(b)];
    const int s = m_model->state().socketIndex(g, bar.socket);
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].group != g || m_lanes[i].kind != Lane::Socket || m_lanes[i].socket != s)
            continue;
        const double start = bar.connecting >= 0 ? bar.connecting : bar.assigned;
        const int top = laneTop(int(i));
        return QRect(QPoint(xOf(start), top + 4),
                     QPoint(std::max(xOf(start) + 1, xOf(bar.end >= 0 ? bar.end : m_now)),
                            top + kLane - 5))
            .intersected(viewport()->rect());
    }
    return {};
}

void PoolLanesView::mousePressEvent(QMouseEvent *event)
{
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.request) {
        selectRequest(hit.request);
        Q_EMIT requestSelected(hit.request);
    } else if (hit.socket) {
        selectSocket(m_model->state().groups()[size_t(hit.group)].name, hit.socket);
        Q_EMIT socketSelected(m_group, hit.socket);
    }
}

void PoolLanesView::mouseDoubleClickEvent(QMouseEvent *)
{
    setFit(true);
}

void PoolLanesView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_0 && (event->modifiers() & Qt::ControlModifier))
        setFit(true);
    else
        QAbstractScrollArea::keyPressEvent(event);
}

void PoolLanesView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return QAbstractScrollArea::wheelEvent(event);
    // Zoom about the time under the pointer.
    const int x = int(event->position().x());
    const double at = msAt(x);
    const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const double next = std::max(msPerPx() * factor, 0.01);
    const int width = std::max(50, viewport()->width() - kLabelWidth - kMargin);
    if (next >= span() / width) { // out past the whole run: fit it
        setFit(true);
        event->accept();
        return;
    }
    m_fit = false;
    m_zoomMsPerPx = next;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(at / next) - (x - kLabelWidth));
    viewport()->update();
    event->accept();
}

bool PoolLanesView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = tooltipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString PoolLanesView::tooltipAt(const QPoint &pos) const
{
    const Hit hit = hitAt(pos);
    if (hit.group < 0)
        return {};
    const PoolState &state = m_model->state();
    const PoolState::Group &g = state.groups()[size_t(hit.group)];
    if (hit.request) {
        const PoolState::Bar &b = g.bars[size_t(state.findRequest(hit.request).second)];
        QStringList lines{tr("<b>Request #%1</b>%2")
                              .arg(b.request)
                              .arg(b.status ? tr(" — %1").arg(b.status) : QString())};
        const double barEnd = b.end >= 0 ? b.end : m_now;
        auto span = [&](const QString &what, double from, double to) {
            if (from >= 0)
                lines << tr("%1: %2").arg(what,
                                          msText((to >= 0 ? std::min(to, barEnd) : barEnd) - from));
        };
        if (b.queued >= 0)
            lines << tr("waited for a socket: %1 (held by %2)")
                         .arg(msText((b.dequeued >= 0 ? b.dequeued : m_now) - b.queued), b.limit);
        if (b.connecting >= 0)
            span(tr("connect"), b.connecting, b.handshake >= 0 ? b.handshake : b.connected);
        span(tr("TLS"), b.handshake, b.connected);
        if (b.connected >= 0)
            span(tr("send"), std::max(b.assigned, b.connected), b.sent);
        span(tr("wait"), b.sent, b.response);
        span(tr("receive"), b.response, b.end);
        if (b.socket)
            lines << tr("on socket #%1%2")
                         .arg(b.socket)
                         .arg(b.reused ? tr(", reused (req.reusedSocket)") : QString());
        if (!b.ended.isEmpty())
            lines << tr("<span style='color:#d93f3f'>ended: %1</span>").arg(b.ended);
        return QStringLiteral("<nobr>") + lines.join(QStringLiteral("</nobr><br><nobr>")) +
               QStringLiteral("</nobr>");
    }
    if (hit.socket) {
        const PoolState::Socket &s = g.sockets[size_t(state.socketIndex(hit.group, hit.socket))];
        QString tip = tr("<b>Socket #%1</b> — %2<br><nobr>made at %3")
                          .arg(s.id)
                          .arg(PoolState::stateName(s.state), msText(s.created));
        if (s.port)
            tip += tr(", local port %1").arg(s.port);
        tip += tr("</nobr><br>requests carried: %1").arg(s.served());
        if (s.state == PoolState::SocketState::Destroyed) {
            PoolState::Event e;
            e.name = QStringLiteral("socketDestroyed");
            e.socket = s.id;
            e.reason = s.reason;
            tip += QStringLiteral("<br>") + PoolState::explain(e);
        }
        return tip;
    }
    if (hit.kind == QLatin1String("waiting")) {
        QString tip = tr("Requests in agent.requests: queued because the pool was at a limit, "
                         "until a socket frees up or closes.");
        if (!hit.waiting.empty()) {
            QStringList ids;
            for (int r : hit.waiting)
                ids << QStringLiteral("#%1").arg(r);
            const PoolState::Bar &b = g.bars[size_t(state.findRequest(hit.waiting.front()).second)];
            tip += tr("<br>At %1: %2 waiting (%3), held by %4.")
                       .arg(msText(msAt(pos.x())))
                       .arg(hit.waiting.size())
                       .arg(ids.join(QStringLiteral(", ")), b.limit);
        }
        return tip;
    }
    return tr("The pool for <b>%1</b> (Node's agent.getName()).").arg(g.name);
}
