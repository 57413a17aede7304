// Listener: TCP and Unix-domain listening with Node's error codes.
#include "listener.h"

#include <QFile>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class tst_Listener : public QObject {
    Q_OBJECT
private slots:
    void tcpPortZero();
    void anyAddressAcceptsIPv4();
    void addressInUse();
    void unixPathLifecycle();
    void unixPathTooLong();
};

void tst_Listener::tcpPortZero()
{
    http::Listener l;
    QVERIFY(!l.listenTcp(QHostAddress::LocalHost, 0));
    QVERIFY(l.isListening());
    QVERIFY(l.port() > 0);
    QCOMPARE(l.address(), QHostAddress(QHostAddress::LocalHost));
    QSignalSpy accepted(&l, &http::Listener::accepted);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, l.port());
    QVERIFY(accepted.wait(2000));
    ::close(int(accepted.first().first().value<qintptr>()));
    l.close();
    QVERIFY(!l.isListening());
}

void tst_Listener::anyAddressAcceptsIPv4()
{
    http::Listener l;
    QVERIFY(!l.listenTcp(QHostAddress(), 0));
    QSignalSpy accepted(&l, &http::Listener::accepted);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, l.port());
    QVERIFY(accepted.wait(2000));
    ::close(int(accepted.first().first().value<qintptr>()));
}

void tst_Listener::addressInUse()
{
    http::Listener a, b;
    QVERIFY(!a.listenTcp(QHostAddress::LocalHost, 0));
    const http::HttpError e = b.listenTcp(QHostAddress::LocalHost, a.port());
    QCOMPARE(e.code(), QByteArray("EADDRINUSE"));
    QCOMPARE(
        e.message(),
        QStringLiteral("listen EADDRINUSE: address already in use 127.0.0.1:%1").arg(a.port()));
    QVERIFY(!b.isListening());
}

void tst_Listener::unixPathLifecycle()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("l.sock"));
    {
        http::Listener l;
        QVERIFY(!l.listenUnix(path));
        QCOMPARE(l.path(), path);
        QVERIFY(QFile::exists(path));
        http::Listener second;
        QCOMPARE(second.listenUnix(path).code(), QByteArray("EADDRINUSE"));
        QSignalSpy accepted(&l, &http::Listener::accepted);
        QLocalSocket c;
        c.connectToServer(path);
        QVERIFY(accepted.wait(2000));
        ::close(int(accepted.first().first().value<qintptr>()));
    }
    QVERIFY(!QFile::exists(path)); // removed on close, as Node does
}

void tst_Listener::unixPathTooLong()
{
    http::Listener l;
    QCOMPARE(l.listenUnix(QStringLiteral("/tmp/") + QString(200, u'x')).code(),
             QByteArray("ENAMETOOLONG"));
}

QTEST_GUILESS_MAIN(tst_Listener)
#include "tst_listener.moc"
