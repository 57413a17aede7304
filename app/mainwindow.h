#pragma once

#include <QMainWindow>
#include <QThread>

class MockEngine;
class WelcomePanel;

/// The desktop app's main window. Starts the demo mock server (resources/demo.mock.json) in a
/// worker thread, so the GUI thread never does network work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void startDemoServer();

    WelcomePanel *m_welcome;
    QThread m_serverThread;
    MockEngine *m_engine = nullptr; // lives in m_serverThread
};
