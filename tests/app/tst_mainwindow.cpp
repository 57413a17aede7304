// The main window on first start: the demo mock server runs (in its worker thread) and answers.
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void demoServerAnswers();
};

void tst_MainWindow::demoServerAnswers()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *status = window.findChild<QLabel *>(QStringLiteral("demoStatus"));
    QVERIFY(status);
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)")).match(status->text());
    QVERIFY2(m.hasMatch(), qPrintable(status->text()));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m.captured(1).toUShort());
    QVERIFY(client.waitForConnected(2000));
    client.write("GET /users/42 HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n");
    QByteArray got;
    while (client.waitForReadyRead(2000))
        got += client.readAll();
    QVERIFY2(got.startsWith("HTTP/1.1 200 OK\r\n"), got.constData());
    QVERIFY(got.endsWith("{\"id\":42,\"name\":\"Ada\"}"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
