#pragma once

#include <QAbstractScrollArea>
#include <QHash>
#include <QString>

#include <vector>

class PoolModel;

/// The pools drawn over time: per pool a header with Node's live numbers and the limits in
/// force, a "waiting for a socket" lane for queued requests, and a lane per socket on which each
/// request it carried is a bar split into its phases (connect, TLS, send, wait, receive), so
/// reuse shows at a glance. Chrome's old net-internals socket pools and DevTools' waterfall in
/// one picture. Click a lane or a bar to select it; Ctrl+wheel zooms the time axis, a double
/// click or Ctrl+0 fits the whole run again.
class PoolLanesView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit PoolLanesView(PoolModel *model, QWidget *parent = nullptr);

    /// The time at the right edge of the drawing: the live clock, or the event stepped to.
    void setNow(double ms);
    double now() const { return m_now; }
    /// Shown at the right of each pool's header (e.g. "maxSockets 2 · maxFreeSockets 256").
    void setLimits(const QString &text);
    /// Fit the whole run into the width (the default); off once the user zooms.
    void setFit(bool on);
    bool fits() const { return m_fit; }
    /// Lights up a socket (and its requests) or a request (and its socket); 0: none.
    void selectSocket(const QString &group, quint64 socket);
    void selectRequest(int request);
    quint64 selectedSocket() const { return m_socket; }
    int selectedRequest() const { return m_request; }

    /// The lane under a point, for tests and tooltips: "header", "waiting", "socket" or "".
    struct Hit {
        QString kind;
        int group = -1;
        quint64 socket = 0;
        int request = 0;
        std::vector<int> waiting; ///< "waiting": the requests queued at that time
    };
    Hit hitAt(const QPoint &viewportPos) const;
    /// Where a request's bar is drawn (viewport coordinates; empty when not on screen).
    QRect barRect(int request) const;
    /// The time one frame of paint took last (ms), for the benchmark.
    double lastPaintMs() const { return m_lastPaintMs; }

Q_SIGNALS:
    void socketSelected(const QString &group, quint64 socket);
    void requestSelected(int request);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Lane {
        enum Kind { Header, Waiting, Socket } kind;
        int group;
        int socket; ///< index into the group's sockets
    };
    void relayout();
    void updateScrollBars();
    /// The time the drawing covers (from 0) when it fits the run.
    double span() const;
    double msPerPx() const;
    int xOf(double ms) const;
    double msAt(int x) const;
    int laneTop(int lane) const;
    int laneAt(int y) const;
    QString tooltipAt(const QPoint &pos) const;

    PoolModel *m_model;
    std::vector<Lane> m_lanes;
    std::vector<int> m_tops; ///< content y of each lane
    int m_contentHeight = 0;
    double m_now = 0;
    double m_zoomMsPerPx = 1;
    bool m_fit = true;
    QString m_limits;
    QString m_group;
    quint64 m_socket = 0;
    int m_request = 0;
    double m_lastPaintMs = 0;
};
