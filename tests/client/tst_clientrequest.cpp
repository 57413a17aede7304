// ClientRequest against scripted raw servers (tests/client/cases.json): the events, in order,
// and the response must be what Node 20's client reports (tests/client/node20-events.json, made
// by tests/tools/node-client-events.js).
#include "clientrequest.h"
#include "http.h"
#include "incomingmessage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

namespace {

QJsonObject readJson(const QString &name)
{
    QFile f(QStringLiteral(WIREBENCH_TESTS_DIR "/client/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Answers each connection with the case's steps once the request head has arrived.
class ScriptedServer : public QTcpServer {
public:
    explicit ScriptedServer(QJsonArray steps)
        : m_steps(std::move(steps))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *c = nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(c, &QTcpSocket::readyRead, c, [this, c, buffer] {
                    *buffer += c->readAll();
                    if (buffer->contains("\r\n\r\n") && !c->property("started").toBool()) {
                        c->setProperty("started", true);
                        play(c, 0);
                    }
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }

private:
    void play(QTcpSocket *c, int index)
    {
        for (; index < m_steps.size(); ++index) {
            const QJsonObject step = m_steps[index].toObject();
            if (step.contains(QStringLiteral("write"))) {
                c->write(step[QStringLiteral("write")].toString().toLatin1());
                c->flush();
            } else if (step.contains(QStringLiteral("pauseMs"))) {
                QTimer::singleShot(step[QStringLiteral("pauseMs")].toInt(), c,
                                   [this, c, index] { play(c, index + 1); });
                return;
            } else if (step.contains(QStringLiteral("close"))) {
                c->abort();
                return;
            }
        }
    }
    QJsonArray m_steps;
};

QJsonArray rawList(const QByteArrayList &list)
{
    QJsonArray a;
    for (const QByteArray &v : list)
        a.append(QString::fromLatin1(v));
    return a;
}

} // namespace

class tst_ClientRequest : public QObject {
    Q_OBJECT
private slots:
    void matchesNode_data();
    void matchesNode();
};

void tst_ClientRequest::matchesNode_data()
{
    QTest::addColumn<QJsonObject>("scenario");
    QTest::addColumn<QJsonObject>("node");
    const QJsonArray cases =
        readJson(QStringLiteral("cases.json"))[QStringLiteral("cases")].toArray();
    const QJsonArray results =
        readJson(QStringLiteral("node20-events.json"))[QStringLiteral("results")].toArray();
    QCOMPARE(cases.size(), results.size());
    for (int i = 0; i < cases.size(); ++i)
        QTest::addRow("%s", qPrintable(cases[i][QStringLiteral("name")].toString()))
            << cases[i].toObject() << results[i].toObject();
}

void tst_ClientRequest::matchesNode()
{
    QFETCH(QJsonObject, scenario);
    QFETCH(QJsonObject, node);
    ScriptedServer server(scenario[QStringLiteral("reply")].toArray());
    const QJsonObject o = scenario[QStringLiteral("options")].toObject();

    ClientRequest::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = o[QStringLiteral("refused")].toBool() ? 1 : server.serverPort();
    options.path = "/p?q=1";
    options.method = o[QStringLiteral("method")].toString(QStringLiteral("GET")).toLatin1();
    options.noAgent = o.contains(QStringLiteral("agent")) && !o[QStringLiteral("agent")].toBool();
    if (o.contains(QStringLiteral("timeout")))
        options.timeout = o[QStringLiteral("timeout")].toInt();

    QStringList events;
    QJsonObject got;
    QByteArray body;
    bool closed = false;
    auto log = [&](const QString &e) {
        if (!(e == QLatin1String("response.data") && !events.isEmpty() && events.last() == e))
            events << e;
    };
    HttpError error;
    std::unique_ptr<ClientRequest> req(http::request(options, {}, nullptr, &error));
    QVERIFY2(req, qPrintable(error.message()));
    connect(req.get(), &ClientRequest::socketAssigned, this,
            [&] { log(QStringLiteral("socket")); });
    connect(req.get(), &OutgoingMessage::finished, this, [&] { log(QStringLiteral("finish")); });
    connect(req.get(), &ClientRequest::continueReceived, this,
            [&] { log(QStringLiteral("continue")); });
    connect(req.get(), &ClientRequest::informationReceived, this,
            [&](const ClientRequest::Information &i) {
                log(QStringLiteral("information:%1").arg(i.statusCode));
            });
    connect(req.get(), &ClientRequest::timedOut, this, [&] {
        log(QStringLiteral("timeout"));
        req->destroy();
    });
    connect(req.get(), &ClientRequest::aborted, this, [&] { log(QStringLiteral("abort")); });
    connect(req.get(), &OutgoingMessage::errorOccurred, this, [&](const HttpError &e) {
        log(QStringLiteral("error:") + QString::fromLatin1(e.code()));
    });
    connect(req.get(), &OutgoingMessage::closed, this, [&] {
        log(QStringLiteral("close"));
        closed = true;
    });
    connect(req.get(), &ClientRequest::responseReceived, this, [&](IncomingMessage *res) {
        log(QStringLiteral("response"));
        got[QStringLiteral("statusCode")] = res->statusCode();
        got[QStringLiteral("statusMessage")] = QString::fromLatin1(res->statusMessage());
        got[QStringLiteral("httpVersion")] = QString::fromLatin1(res->httpVersion());
        got[QStringLiteral("rawHeaders")] = rawList(res->rawHeaders());
        got[QStringLiteral("headers")] = res->headers().toJson();
        connect(res, &IncomingMessage::dataReceived, this, [&](const QByteArray &d) {
            body += d;
            log(QStringLiteral("response.data"));
        });
        connect(res, &IncomingMessage::ended, this, [&] { log(QStringLiteral("response.end")); });
        connect(res, &IncomingMessage::aborted, this,
                [&] { log(QStringLiteral("response.aborted")); });
        connect(res, &IncomingMessage::errorOccurred, this, [&](const HttpError &e) {
            log(QStringLiteral("response.error:") + QString::fromLatin1(e.code()));
        });
        connect(res, &IncomingMessage::closed, this, [&, res] {
            log(QStringLiteral("response.close"));
            got[QStringLiteral("body")] = QString::fromLatin1(body);
            got[QStringLiteral("complete")] = res->complete();
            got[QStringLiteral("rawTrailers")] = rawList(res->rawTrailers());
            got[QStringLiteral("trailers")] = res->trailers().toJson();
        });
    });
    req->end(o[QStringLiteral("body")].toString().toLatin1());

    QTRY_VERIFY_WITH_TIMEOUT(closed, 5000);
    QTest::qWait(60); // events that follow close (response.close) arrive now

    QStringList nodeEvents;
    for (const QJsonValue &e : node[QStringLiteral("events")].toArray())
        nodeEvents << e.toString();
    if (events != nodeEvents)
        qWarning().noquote() << "Node:     " << nodeEvents.join(u' ')
                             << "\nWirebench:" << events.join(u' ');
    QCOMPARE(events, nodeEvents);
    for (const QString &key :
         {QStringLiteral("statusCode"), QStringLiteral("statusMessage"),
          QStringLiteral("httpVersion"), QStringLiteral("rawHeaders"), QStringLiteral("headers"),
          QStringLiteral("body"), QStringLiteral("complete"), QStringLiteral("rawTrailers"),
          QStringLiteral("trailers")}) {
        if (node.contains(key))
            QCOMPARE(QJsonDocument(QJsonObject{{key, got[key]}}).toJson(QJsonDocument::Compact),
                     QJsonDocument(QJsonObject{{key, node[key]}}).toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(tst_ClientRequest)
#include "tst_clientrequest.moc"
