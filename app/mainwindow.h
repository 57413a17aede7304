#pragma once

#include "exchange.h"

#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <QTimer>

class Agent;
class ComposerWidget;
class MockEngine;
class ResponseView;

/// The desktop app's main window: the composer above, what came back below. On start it runs the
/// demo mock server (resources/demo.mock.json) in a worker thread, so the GUI thread never does
/// server work, and aims the composer at it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Sends what the composer holds (as the Send button does).
    void send();
    void cancel();
    /// The URL of the demo server ("" when it could not start).
    QString demoUrl() const { return m_demoUrl; }
    /// The request the composer holds.
    Exchange::Request composedRequest() const;
    /// Fills the composer from a curl command line; false (and a message) if it cannot.
    bool importCurl(const QString &commandLine);
    /// The composed request as a curl command.
    QString exportCurl() const;

private:
    void startDemoServer();
    void refresh();

    ComposerWidget *m_composer;
    ResponseView *m_response;
    Agent *m_httpAgent;
    Agent *m_httpsAgent;
    QPointer<Exchange> m_exchange;
    QTimer m_refresh; // at most ~30 view updates a second while bytes stream in
    QThread m_serverThread;
    MockEngine *m_engine = nullptr; // lives in m_serverThread
    QString m_demoUrl;
};
