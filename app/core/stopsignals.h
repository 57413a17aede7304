#pragma once

#include <QObject>

class QSocketNotifier;

namespace wb {

/// SIGINT, SIGTERM and SIGHUP turned into a Qt signal (through a socket pair, the only thing a
/// signal handler may touch), so a stop request is handled in the event loop: `serve` closes
/// its servers, the app keeps its open tabs. Node's `process.on('SIGTERM')`. One at a time.
class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;
    /// False when the socket pair could not be made (nothing is then caught).
    bool isWatching() const { return m_notifier != nullptr; }

Q_SIGNALS:
    /// A stop signal arrived; `count` says how many so far (a second one usually means "now").
    void stopRequested(int count);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace wb
