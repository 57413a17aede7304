// MockTemplate: what each name gives, and text that only looks like a template.
#include "incomingmessage.h"
#include "mockrequest.h"
#include "mocktemplate.h"

#include <QTest>

using namespace wb;

class tst_MockTemplate : public QObject {
    Q_OBJECT
private slots:
    void render_data();
    void render();
};

void tst_MockTemplate::render_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("plain") << QByteArray("no names") << QByteArray("no names");
    QTest::newRow("request") << QByteArray("{{request.method}} {{ request.url }} {{request.path}}")
                             << QByteArray("PUT /a/7?q=x%20y&n=2 /a/7");
    QTest::newRow("params and query")
        << QByteArray("{{request.params.id}}|{{request.query.q}}|{{request.query.none}}")
        << QByteArray("7|x y|");
    QTest::newRow("header, joined as Node joins")
        << QByteArray("{{request.headers.X-List}}") << QByteArray("a, b");
    QTest::newRow("JSON fields") << QByteArray("{{request.body.n}} {{request.body.ok}} "
                                               "{{request.body.o}} {{request.body.list.1.k}}")
                                 << QByteArray("1.5 true {\"a\":[1]} v");
    QTest::newRow("missing field, unknown name")
        << QByteArray("[{{request.body.x.y}}][{{what}}]") << QByteArray("[][]");
    QTest::newRow("counter") << QByteArray("#{{counter}}") << QByteArray("#3");
    QTest::newRow("literal braces")
        << QByteArray("{{{{request.method}}") << QByteArray("{{request.method}}");
    QTest::newRow("unclosed") << QByteArray("a {{request.method")
                              << QByteArray("a {{request.method");
}

void tst_MockTemplate::render()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, out);
    http::IncomingMessage message;
    message.setHead(1, 1, "PUT", "/a/7?q=x%20y&n=2", 0, {}, {"X-List", "a", "x-list", "b"}, false);
    MockRequest request(message, R"({"n":1.5,"ok":true,"o":{"a":[1]},"list":[{},{"k":"v"}]})");
    request.params.insert(QStringLiteral("id"), QStringLiteral("7"));
    QCOMPARE(MockTemplate::render(text, request, 3), out);
}

QTEST_GUILESS_MAIN(tst_MockTemplate)
#include "tst_mocktemplate.moc"
