#pragma once

#include "mockengine.h"

#include <QDockWidget>

namespace wb {
class MockHost;
class Request;
} // namespace wb
class MockLogFilter;
class MockLogModel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class WireView;

/// The mock servers' live request log: a filterable table of every request served (the last
/// 100,000; those before are counted), and the selected one as parsed and as bytes on the wire.
/// From a row: open the request in a new composer tab, or make a route answering it.
class MockLogDock : public QDockWidget {
    Q_OBJECT
public:
    MockLogDock(wb::MockHost *host, QWidget *parent = nullptr);

    MockLogModel *model() const { return m_model; }
    MockLogFilter *filter() const { return m_filter; }
    /// Writes the rows shown (filters applied) as HAR 1.2.
    bool exportHar(const QString &path, QString *error) const;
    /// The request of the selected row as the composer would hold it, aimed at its server.
    std::optional<wb::Request> selectedRequest() const;

Q_SIGNALS:
    void openInComposer(const wb::Request &request);
    /// A route answering like the selected row, for its server.
    void createRoute(int serverId, const wb::MockEngine::LogEntry &entry);

private:
    void showSelected();
    void updateCount();
    /// Shows the filter model while a filter is set, else the log itself.
    void useFilter();
    const wb::MockEngine::LogEntry *selected() const;

    wb::MockHost *m_host;
    MockLogModel *m_model;
    MockLogFilter *m_filter;
    QTableView *m_table;
    QLabel *m_count;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    WireView *m_wire;
    bool m_follow = true;
};
