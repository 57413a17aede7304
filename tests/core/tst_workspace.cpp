// Workspace: readable JSON files, atomic saves, broken files reported and never overwritten,
// environments and {{variable}} substitution, capped history.
#include "workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class tst_Workspace : public QObject {
    Q_OBJECT
private slots:
    void saveAndReload();
    void brokenFileIsReportedAndKept();
    void environments();
    void plainStringBodyIsRawText();
    void substitute_data();
    void substitute();
    void historyIsCapped();
    void openTabs();
};

void tst_Workspace::saveAndReload()
{
    QTemporaryDir dir;
    Workspace ws(dir.path());
    ws.load();
    Request r;
    r.collection = QStringLiteral("users/admin");
    r.name = QStringLiteral("Get user: 42?");
    r.method = "POST";
    r.url = QStringLiteral("{{base}}/users/42");
    r.headers = {{"Accept", "application/json"}, {"X-Debug", "{{debug}}", false}};
    r.body.mode = RequestBody::Mode::Multipart;
    r.body.fields = {{true, QStringLiteral("name"), QStringLiteral("é {{user}}"), false},
                     {false, QStringLiteral("avatar"), QStringLiteral("/tmp/a.png"), true}};
    r.timeoutMs = 1500;
    r.followRedirects = 5;
    r.auth = {RequestAuth::Type::Bearer, {}, {}, QStringLiteral("{{token}}")};
    QString error;
    QVERIFY2(ws.saveRequest(r, &error), qPrintable(error));
    const QString file = dir.filePath(QStringLiteral("requests/users/admin/Get user_ 42_.json"));
    QVERIFY(QFile::exists(file));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.contains("\n    \"method\": \"POST\"")); // pretty-printed, diff-friendly
    QVERIFY2(text.contains("\"X-Debug\",\n            \"{{debug}}\",\n            false"),
             text.constData()); // a header switched off is kept, marked false
    QVERIFY2(text.contains("\"file\": \"/tmp/a.png\"") && text.contains("\"mode\": \"multipart\""),
             text.constData());

    Workspace again(dir.path());
    again.load();
    QVERIFY(again.problems().isEmpty());
    QCOMPARE(again.requests().size(), 1);
    const Request &back = again.requests().first();
    QCOMPARE(back.collection, r.collection);
    QCOMPARE(back.name, r.name);
    QCOMPARE(back.method, r.method);
    QCOMPARE(back.url, r.url);
    QCOMPARE(back.headers, r.headers);
    QCOMPARE(back.body, r.body);
    QCOMPARE(back.timeoutMs, 1500);
    QCOMPARE(back.followRedirects, 5);
    QCOMPARE(back.auth, r.auth);
    QVERIFY(back.keepAlive);

    r.body = {};
    QVERIFY(again.saveRequest(r, &error));
    QCOMPARE(again.requests().size(), 1);
    QVERIFY(again.removeRequest(r.collection, r.name, &error));
    QVERIFY(!QFile::exists(file));
}

void tst_Workspace::plainStringBodyIsRawText()
{
    // Request files written by hand (or before body modes) may hold the body as a string.
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("requests")));
    QFile file(dir.filePath(QStringLiteral("requests/old.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"method": "POST", "url": "http://h/", "body": "{\"a\": 1}"})");
    file.close();
    Workspace ws(dir.path());
    ws.load();
    QCOMPARE(ws.requests().size(), 1);
    QCOMPARE(ws.requests()[0].body.mode, RequestBody::Mode::Raw);
    QCOMPARE(ws.requests()[0].body.text, QStringLiteral("{\"a\": 1}"));
}

void tst_Workspace::brokenFileIsReportedAndKept()
{
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("requests")));
    QFile broken(dir.filePath(QStringLiteral("requests/bad.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ \"name\": \"bad\", ");
    broken.close();
    QFile env(dir.filePath(QStringLiteral("environments.json")));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("[1, 2]");
    env.close();

    Workspace ws(dir.path());
    ws.load();
    QCOMPARE(ws.problems().size(), 2);
    QVERIFY(
        ws.problems().join(u'\n').contains(QStringLiteral("requests/bad.json: not a JSON object")));
    QVERIFY(
        ws.problems().join(u'\n').contains(QStringLiteral("environments.json: not a JSON object")));
    Request r;
    r.name = QStringLiteral("bad");
    QString error;
    QVERIFY(!ws.saveRequest(r, &error));
    QVERIFY2(error.contains(QStringLiteral("is not overwritten")), qPrintable(error));
    QVERIFY(!ws.setEnvironments({}, {}, &error));
    QFile check(dir.filePath(QStringLiteral("requests/bad.json")));
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("{ \"name\": \"bad\", "));
}

void tst_Workspace::environments()
{
    QTemporaryDir dir;
    Workspace ws(dir.path());
    ws.load();
    QString error;
    QVERIFY(ws.setEnvironments(
        {{QStringLiteral("local"),
          {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:8080")}}},
         {QStringLiteral("prod"), {{QStringLiteral("base"), QStringLiteral("https://api.test")}}}},
        QStringLiteral("prod"), &error));
    Workspace again(dir.path());
    again.load();
    QCOMPARE(again.activeEnvironment(), QStringLiteral("prod"));
    QCOMPARE(again.environments().size(), 2);
    QCOMPARE(again.variables().substitute(QStringLiteral("{{base}}/v1")),
             QStringLiteral("https://api.test/v1"));
}

void tst_Workspace::substitute_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("result");
    QTest::newRow("one") << QStringLiteral("{{host}}/a") << QStringLiteral("h.test/a");
    QTest::newRow("spaces inside braces")
        << QStringLiteral("{{ host }}") << QStringLiteral("h.test");
    QTest::newRow("several") << QStringLiteral("{{host}}:{{port}}") << QStringLiteral("h.test:81");
    QTest::newRow("unknown stays") << QStringLiteral("{{nope}}") << QStringLiteral("{{nope}}");
    QTest::newRow("no variables") << QStringLiteral("plain {text}")
                                  << QStringLiteral("plain {text}");
}

void tst_Workspace::substitute()
{
    QFETCH(QString, text);
    QFETCH(QString, result);
    QTemporaryDir dir;
    Workspace ws(dir.path());
    QString error;
    QVERIFY(ws.setEnvironments({{QStringLiteral("e"),
                                 {{QStringLiteral("host"), QStringLiteral("h.test")},
                                  {QStringLiteral("port"), QStringLiteral("81")}}}},
                               QStringLiteral("e"), &error));
    QCOMPARE(ws.variables().substitute(text), result);
    QCOMPARE(ws.variables().substitute(text.toUtf8()), result.toUtf8());
}

void tst_Workspace::historyIsCapped()
{
    QTemporaryDir dir;
    Workspace ws(dir.path());
    QString error;
    for (int i = 0; i < Workspace::kHistoryLimit + 5; ++i)
        QVERIFY(ws.appendHistory(QJsonObject{{QStringLiteral("n"), i}}, &error));
    Workspace again(dir.path());
    again.load();
    QCOMPARE(again.history().size(), Workspace::kHistoryLimit);
    QCOMPARE(again.history().first().value(QStringLiteral("n")).toInt(), 5);
    QVERIFY(again.clearHistory(&error));
    QVERIFY(again.history().isEmpty());
    Workspace cleared(dir.path());
    cleared.load();
    QVERIFY(cleared.problems().isEmpty());
    QVERIFY(cleared.history().isEmpty());
}

void tst_Workspace::openTabs()
{
    QTemporaryDir dir;
    Workspace ws(dir.path());
    QCOMPARE(ws.openTabs(), QJsonObject()); // none yet
    const QJsonObject tabs{
        {QStringLiteral("current"), 1},
        {QStringLiteral("tabs"), QJsonArray{QJsonValue(QJsonObject()), QJsonValue(1)}}};
    QString error;
    QVERIFY2(ws.setOpenTabs(tabs, &error), qPrintable(error));
    QCOMPARE(Workspace(dir.path()).openTabs(), tabs);
    // A broken file is not an error: the app starts with a fresh tab.
    QFile f(dir.filePath(QStringLiteral("tabs.json")));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{not json");
    f.close();
    QCOMPARE(Workspace(dir.path()).openTabs(), QJsonObject());
}

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
