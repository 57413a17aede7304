// Raw exchanges (tests/wire/cases.json) sent to a real Server running tests/wire/wire.mock.json,
// compared byte for byte with Node 20's answers (tests/wire/node20-answers.json, captured by
// tests/tools/capture-node-answers.sh). Date values are normalised on both sides.
#include "mockengine.h"
#include "mockfile.h"
#include "server.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace wb;

namespace {

QJsonObject readJson(const QString &name)
{
    QFile f(QStringLiteral(WIREBENCH_TESTS_DIR "/wire/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray normalise(QByteArray bytes)
{
    static const QRegularExpression date(QStringLiteral("^Date: [^\\r\\n]*"),
                                         QRegularExpression::MultilineOption);
    QString text = QString::fromLatin1(bytes);
    text.replace(date, QStringLiteral("Date: <date>"));
    return text.toLatin1();
}

QByteArray escaped(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes) {
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n\n";
        else if (uchar(c) < 0x20 || uchar(c) >= 0x7f)
            out += "\\x" + QByteArray::number(uchar(c), 16);
        else
            out += c;
    }
    return out;
}

} // namespace

class tst_Wire : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exchange_data();
    void exchange();

private:
    MockEngine m_engine;
};

void tst_Wire::initTestCase()
{
    QString error;
    const auto file =
        MockFile::load(QStringLiteral(WIREBENCH_TESTS_DIR "/wire/wire.mock.json"), &error);
    QVERIFY2(file, qPrintable(error));
    const http::HttpError e = m_engine.start(*file);
    QVERIFY2(!e, qPrintable(e.message()));
    QCOMPARE(m_engine.servers().size(), 3);
}

void tst_Wire::exchange_data()
{
    QTest::addColumn<QJsonObject>("exchange");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("closed");

    const QJsonArray cases =
        readJson(QStringLiteral("cases.json")).value(QStringLiteral("cases")).toArray();
    const QJsonArray answers =
        readJson(QStringLiteral("node20-answers.json")).value(QStringLiteral("results")).toArray();
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &a : answers)
        byName.insert(a[QStringLiteral("name")].toString(), a.toObject());
    QVERIFY(cases.size() >= 90);
    for (const QJsonValue &c : cases) {
        const QString name = c[QStringLiteral("name")].toString();
        QVERIFY2(
            byName.contains(name),
            qPrintable(
                QStringLiteral("no Node answer for %1: re-run capture-node-answers.sh").arg(name)));
        const QJsonObject answer = byName.value(name);
        QTest::addRow("%s", qPrintable(name))
            << c.toObject() << answer[QStringLiteral("response")].toString().toLatin1()
            << answer[QStringLiteral("closed")].toBool();
    }
}

void tst_Wire::exchange()
{
    QFETCH(QJsonObject, exchange);
    QFETCH(QByteArray, expected);
    QFETCH(bool, closed);

    const int serverIndex = exchange[QStringLiteral("server")].toInt();
    QTcpSocket socket;
    QByteArray received;
    bool disconnected = false;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    connect(&socket, &QTcpSocket::disconnected, this, [&] {
        if (socket.isOpen())
            received += socket.readAll();
        disconnected = true;
    });
    socket.connectToHost(QHostAddress::LocalHost, m_engine.servers()[serverIndex]->port());
    QVERIFY(socket.waitForConnected(2000));

    for (const QJsonValue &part : exchange[QStringLiteral("send")].toArray()) {
        if (part.isString()) {
            socket.write(part.toString().toLatin1());
            socket.flush();
        } else {
            QTest::qWait(part[QStringLiteral("pauseMs")].toInt());
        }
    }

    const int waitClose = exchange[QStringLiteral("waitCloseMs")].toInt(5000);
    if (closed) {
        QTRY_VERIFY_WITH_TIMEOUT(disconnected, waitClose + 1000);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(normalise(received).size() >= expected.size() || disconnected,
                                 5000);
        QTest::qWait(60); // anything extra would show up now
        QVERIFY2(!disconnected, "the server closed a connection Node keeps open");
    }
    socket.disconnect(this);
    const QByteArray got = normalise(received);
    if (got != expected)
        qWarning().noquote() << "\n--- Node 20:\n"
                             << escaped(expected) << "\n--- Wirebench:\n"
                             << escaped(got);
    QCOMPARE(got, expected);
}

QTEST_GUILESS_MAIN(tst_Wire)
#include "tst_wire.moc"
