#pragma once

#include <QWidget>

class QLabel;

/// The first thing a user sees: what is running and what to try next.
class WelcomePanel : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePanel(QWidget *parent = nullptr);

    /// Shows the demo mock server's address (or why it is not running).
    void setDemoServer(const QString &url, const QString &error = {});

private:
    QLabel *m_status;
};
