// Session and Run, without a window: runs follow redirects as browsers do, every run joins
// history (a cancelled one too), and every request shares one keep-alive Agent per protocol.
#include "agent.h"
#include "incomingmessage.h"
#include "run.h"
#include "server.h"
#include "serverresponse.h"
#include "session.h"

#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class tst_Session : public QObject {
    Q_OBJECT
private slots:
    void init();
    void runJoinsHistory();
    void redirectsFollowedUpToTheLimit();
    void seeOtherGoesOnWithGet();
    void runsShareOneAgent();
    void discardCancelsAndDeletes();

private:
    QString url(const char *path) const
    {
        return QStringLiteral("http://localhost:%1%2").arg(m_server->port()).arg(path);
    }
    Run *send(const Request &r) { return m_session->send(r, r.prepare({})); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<http::Server> m_server;
    QByteArrayList m_seen; // "METHOD /path body" per request
};

void tst_Session::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_session.reset(); // before the server: its sockets go first
    m_session = std::make_unique<Session>(m_dir->path());
    m_server = std::make_unique<http::Server>();
    m_seen.clear();
    // /r/N redirects to /r/N-1 (with N's status), /slow never answers, anything else is 200.
    connect(m_server.get(), &http::Server::requestReceived, this,
            [this](http::IncomingMessage *req, http::ServerResponse *res) {
                auto *body = new QByteArray;
                connect(req, &http::IncomingMessage::dataReceived, res,
                        [body](const QByteArray &c) { *body += c; });
                connect(req, &http::IncomingMessage::ended, res, [this, req, res, body] {
                    const QByteArray path = req->url();
                    m_seen << req->method() + ' ' + path + ' ' + *body;
                    delete body;
                    if (path == "/slow")
                        return;
                    if (path.startsWith("/r/")) {
                        const QByteArrayList parts = path.split('/');
                        const int left = parts.value(2).toInt();
                        res->writeHead(parts.value(3).isEmpty() ? 302 : parts[3].toInt(),
                                       {{"Location", left > 1 ? "/r/" + QByteArray::number(left - 1)
                                                              : QByteArray("/done")}});
                        res->end();
                        return;
                    }
                    res->end("done");
                });
            });
    QVERIFY(!m_server->listen(0, QStringLiteral("127.0.0.1")));
}

void tst_Session::runJoinsHistory()
{
    Request r;
    r.name = QStringLiteral("saved one");
    r.url = url("/hello?{{q}}");
    r.headers = {{"X-A", "1"}, {"X-Off", "0", false}};
    QSignalSpy historyChanged(m_session.get(), &Session::historyChanged);
    Run *run = send(r);
    QSignalSpy done(run, &Run::done);
    QVERIFY(done.wait());
    QCOMPARE(run->record().statusCode, 200);
    QCOMPARE(historyChanged.size(), 1);
    const QJsonObject entry = m_session->workspace()->history().constLast();
    QCOMPARE(entry.value(QStringLiteral("status")).toString(), QStringLiteral("200"));
    // What was sent, and the request as composed ({{q}} as typed, the header switched off too).
    const QJsonObject sent = entry.value(QStringLiteral("request")).toObject();
    QCOMPARE(sent.value(QStringLiteral("headers")).toArray().size(), 1);
    QCOMPARE(Request::fromJson(entry.value(QStringLiteral("composer")).toObject()).headers,
             r.headers);
    QCOMPARE(entry.value(QStringLiteral("response")).toObject().value(QStringLiteral("body")),
             QStringLiteral("done"));
    // Kept on disk.
    Workspace again(m_dir->path());
    again.load();
    QCOMPARE(again.history().size(), 1);
}

void tst_Session::redirectsFollowedUpToTheLimit()
{
    Request r;
    r.url = url("/r/3");
    r.followRedirects = 2;
    Run *run = send(r);
    QSignalSpy done(run, &Run::done);
    QVERIFY(done.wait());
    const ExchangeRecord x = run->record();
    QCOMPARE(x.statusCode, 302); // /r/3 → /r/2 → /r/1, which is not followed
    QCOMPARE(x.hops.size(), 2);
    QVERIFY(x.hops[0].startsWith(QStringLiteral("302 ")) &&
            x.hops[0].endsWith(QStringLiteral("/r/3")));
    QCOMPARE(m_seen, (QByteArrayList{"GET /r/3 ", "GET /r/2 ", "GET /r/1 "}));
    // The wire of every hop is kept, in order.
    QCOMPARE(x.wire.first().bytes.left(15), QByteArray("GET /r/3 HTTP/1"));
    QCOMPARE(m_session->workspace()->history().size(), 1); // one run, one entry
}

void tst_Session::seeOtherGoesOnWithGet()
{
    // 303 (and 301/302 after a POST): GET without the body; 307 repeats the POST.
    for (const auto &[status, method, body] :
         {std::tuple{"303", "GET", ""}, {"302", "GET", ""}, {"307", "POST", "data"}}) {
        m_seen.clear();
        Request r;
        r.method = "POST";
        r.url = url("/r/1/") + QLatin1String(status);
        r.body.mode = RequestBody::Mode::Raw;
        r.body.rawType = QStringLiteral("text/plain");
        r.body.text = QStringLiteral("data");
        r.followRedirects = 5;
        Run *run = send(r);
        QSignalSpy done(run, &Run::done);
        QVERIFY(done.wait());
        QCOMPARE(run->record().statusCode, 200);
        QCOMPARE(m_seen.constLast(), QByteArray(method) + " /done " + body);
        QCOMPARE(run->prepared().headers.contains(
                     qMakePair(QByteArray("Content-Type"), QByteArray("text/plain"))),
                 QByteArray(method) == "POST");
    }
}

void tst_Session::runsShareOneAgent()
{
    http::Agent *agent = m_session->agent(QStringLiteral("http:"));
    QCOMPARE(m_session->agentFor(QUrl(url("/")), true), agent);
    QCOMPARE(m_session->agentFor(QUrl(url("/")), false), nullptr); // agent: false
    QVERIFY(m_session->agent(QStringLiteral("https:")) != agent);
    int created = 0, reused = 0;
    connect(agent, &http::Agent::socketCreated, this, [&created] { ++created; });
    connect(agent, &http::Agent::socketReused, this, [&reused] { ++reused; });
    Request r;
    r.url = url("/a");
    Run *first = send(r);
    Run *second = send(r); // at the same time: a second socket
    QTRY_VERIFY(first->isDone() && second->isDone());
    QCOMPARE(created, 2);
    Run *third = send(r); // later: a kept-alive socket again
    QTRY_VERIFY(third->isDone());
    QCOMPARE(created, 2);
    QCOMPARE(reused, 1);
}

void tst_Session::discardCancelsAndDeletes()
{
    Request r;
    r.url = url("/slow");
    QPointer<Run> run = send(r);
    QTRY_COMPARE(m_seen.size(), 1); // the server has it, and does not answer
    run->discard();
    QTRY_VERIFY(run.isNull()); // deleted once its cancel is done
    QCOMPARE(m_session->workspace()->history().size(), 1);
    QCOMPARE(m_session->workspace()->history().constLast().value(QStringLiteral("status")),
             QStringLiteral("ECANCELED"));
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
