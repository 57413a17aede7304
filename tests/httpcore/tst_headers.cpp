// Node's IncomingMessage header join rules (Headers::addHeaderLine).
#include "headers.h"

#include <QJsonDocument>
#include <QTest>

class tst_Headers : public QObject {
    Q_OBJECT
private slots:
    void joinRules_data();
    void joinRules();
    void setCookieStaysAList();
    void joinDuplicatesOption();
    void caseInsensitiveLookupKeepsFirstSeenOrder();
    void jsonShape();
};

void tst_Headers::joinRules_data()
{
    QTest::addColumn<QByteArrayList>("raw");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("joined");
    QTest::newRow("comma") << QByteArrayList{"X-A", "1", "x-a", "2"} << QByteArray("x-a")
                           << QByteArray("1, 2");
    QTest::newRow("cookie") << QByteArrayList{"Cookie", "a=1", "cookie", "b=2"}
                            << QByteArray("cookie") << QByteArray("a=1; b=2");
    QTest::newRow("host drops later")
        << QByteArrayList{"Host", "a", "Host", "b"} << QByteArray("host") << QByteArray("a");
    QTest::newRow("content-type drops later")
        << QByteArrayList{"Content-Type", "a/b", "content-type", "c/d"}
        << QByteArray("content-type") << QByteArray("a/b");
    QTest::newRow("authorization drops later")
        << QByteArrayList{"Authorization", "x", "Authorization", "y"} << QByteArray("authorization")
        << QByteArray("x");
    QTest::newRow("accept joins") << QByteArrayList{"Accept", "a", "Accept", "b"}
                                  << QByteArray("accept") << QByteArray("a, b");
    QTest::newRow("empty first value")
        << QByteArrayList{"X-E", "", "X-E", "v"} << QByteArray("x-e") << QByteArray(", v");
}

void tst_Headers::joinRules()
{
    QFETCH(QByteArrayList, raw);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, joined);
    const http::Headers h = http::Headers::fromRaw(raw);
    QCOMPARE(h.value(name), joined);
    QCOMPARE(h.size(), 1);
}

void tst_Headers::setCookieStaysAList()
{
    const http::Headers h = http::Headers::fromRaw({"Set-Cookie", "a=1", "set-cookie", "b=2"});
    QCOMPARE(h.values("set-cookie"), (QByteArrayList{"a=1", "b=2"}));
    QVERIFY(h.find("Set-Cookie")->isList);
}

void tst_Headers::joinDuplicatesOption()
{
    const http::Headers h = http::Headers::fromRaw({"Host", "a", "Host", "b"}, true);
    QCOMPARE(h.value("host"), QByteArray("a, b"));
}

void tst_Headers::caseInsensitiveLookupKeepsFirstSeenOrder()
{
    const http::Headers h = http::Headers::fromRaw({"B", "1", "A", "2", "b", "3"});
    QCOMPARE(h.fields().size(), 2);
    QCOMPARE(h.fields()[0].name, QByteArray("b"));
    QCOMPARE(h.fields()[1].name, QByteArray("a"));
    QVERIFY(h.contains("B"));
    QVERIFY(!h.contains("c"));
    QVERIFY(h.value("c").isNull());
}

void tst_Headers::jsonShape()
{
    const http::Headers h = http::Headers::fromRaw({"Set-Cookie", "a", "X", "caf\xe9"});
    QCOMPARE(QJsonDocument(h.toJson()).toJson(QJsonDocument::Compact),
             QByteArray("{\"set-cookie\":[\"a\"],\"x\":\"caf\xc3\xa9\"}"));
}

QTEST_GUILESS_MAIN(tst_Headers)
#include "tst_headers.moc"
