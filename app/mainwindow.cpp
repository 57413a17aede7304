#include "mainwindow.h"

#include "mockengine.h"
#include "mockfile.h"
#include "welcomepanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QStatusBar>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_welcome(new WelcomePanel(this))
{
    setWindowTitle(tr("Wirebench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wirebench.svg")));
    setCentralWidget(m_welcome);
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    resize(900, 600);
    startDemoServer();
}

MainWindow::~MainWindow()
{
    // The engine and its sockets belong to the server thread: delete them there, then stop it.
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_serverThread.quit();
    m_serverThread.wait();
}

void MainWindow::startDemoServer()
{
    QString error;
    const std::optional<MockFile> demo = MockFile::load(QStringLiteral(":/demo.mock.json"), &error);
    if (!demo) {
        m_welcome->setDemoServer({}, error);
        return;
    }
    m_serverThread.setObjectName(QStringLiteral("mock servers"));
    m_serverThread.start();
    m_engine = new MockEngine;
    m_engine->moveToThread(&m_serverThread);
    QString url;
    HttpError startError;
    // Port 0 when the demo port is taken, so a second window still gets a demo server.
    QMetaObject::invokeMethod(
        m_engine,
        [&] {
            startError = m_engine->start(*demo);
            if (startError && startError.code() == "EADDRINUSE")
                startError = m_engine->start(*demo, {}, 0);
            if (!startError)
                url = m_engine->url(0);
        },
        Qt::BlockingQueuedConnection);
    m_welcome->setDemoServer(url, startError.message());
    statusBar()->showMessage(startError ? tr("Demo server not running")
                                        : tr("Demo mock server: %1").arg(url));
}
