// BodyFormat: pretty JSON and XML, text as it is, and a hex dump with offsets and ASCII.
#include "bodyformat.h"

#include <QTest>

class tst_BodyFormat : public QObject {
    Q_OBJECT
private slots:
    void pretty_data();
    void pretty();
    void hex();
    void syntaxError_data();
    void syntaxError();
    void charset();
};

void tst_BodyFormat::pretty_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("shown");
    QTest::newRow("json") << QByteArray("{\"a\":[1,2]}")
                          << QByteArray("application/json; charset=utf-8")
                          << QStringLiteral("{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
    QTest::newRow("json keeps key order, digits, strings and empty containers")
        << QByteArray(
               "{ \"z\" : 12345678901234567890, \"a\":{}, \"s\":\"x, {y}: \\\"q\\\"\", \"e\":[ ]}")
        << QByteArray("application/problem+json")
        << QStringLiteral("{\n  \"z\": 12345678901234567890,\n  \"a\": {},\n"
                          "  \"s\": \"x, {y}: \\\"q\\\"\",\n  \"e\": []\n}\n");
    QTest::newRow("broken json stays")
        << QByteArray("{\"a\":") << QByteArray("application/json") << QStringLiteral("{\"a\":");
    QTest::newRow("xml") << QByteArray("<a><b x=\"1\">t</b></a>") << QByteArray("application/xml")
                         << QStringLiteral("<a>\n  <b x=\"1\">t</b>\n</a>\n");
    QTest::newRow("text") << QByteArray("caf\xc3\xa9") << QByteArray("text/plain")
                          << QStringLiteral("café");
}

void tst_BodyFormat::pretty()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QString, shown);
    QCOMPARE(BodyFormat::pretty(body, type), shown);
}

void tst_BodyFormat::hex()
{
    QCOMPARE(BodyFormat::hex(QByteArray("HTTP/1.1 200 OK\r\nX")),
             QStringLiteral(
                 "00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d |HTTP/1.1 200 OK.|\n"
                 "00000010  0a 58                                            |.X|\n"));
    const QString big = BodyFormat::hex(QByteArray(BodyFormat::kHexLimit + 5, 'z'));
    QVERIFY(big.endsWith(QStringLiteral("|zzzzzzzzzzzzzzzz|\n… 5 more bytes (%1 in all)")
                             .arg(BodyFormat::kHexLimit + 5)));
}

void tst_BodyFormat::syntaxError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("where"); // the start of the message; "" when well-formed
    QTest::addColumn<int>("offset");
    QTest::newRow("fine JSON") << QByteArray("{\"a\": [1, 2]}") << QByteArray("application/json")
                               << QString() << 0;
    QTest::newRow("missing colon, third line")
        << QByteArray("{\n  \"a\": 1,\n  \"b\" 2\n}") << QByteArray("application/json")
        << QStringLiteral("line 3, column 8: ") << 19;
    QTest::newRow("non-ASCII before counts as one column")
        << QByteArray("{\"\xc3\xa9\": x}") << QByteArray("application/json")
        << QStringLiteral("line 1, column 7: ") << 6;
    QTest::newRow("unclosed XML") << QByteArray("<a>\n<b></a>") << QByteArray("application/xml")
                                  << QStringLiteral("line 2, column ") << -1;
    QTest::newRow("other types are not checked")
        << QByteArray("{nope") << QByteArray("text/plain") << QString() << 0;
}

void tst_BodyFormat::syntaxError()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QString, where);
    QFETCH(int, offset);
    qsizetype at = 0;
    const QString got = BodyFormat::syntaxError(body, type, &at);
    QVERIFY2(where.isEmpty() ? got.isEmpty() : got.startsWith(where), qPrintable(got));
    if (offset >= 0 && !where.isEmpty())
        QCOMPARE(at, offset);
}

void tst_BodyFormat::charset()
{
    // The body is shown in the charset its Content-Type names, as its headers are.
    QCOMPARE(BodyFormat::text("caf\xe9!", -1, "text/plain; charset=iso-8859-1"),
             QStringLiteral("caf\u00e9!"));
    QCOMPARE(BodyFormat::text("caf\xe9!", -1, "text/plain; charset=\"ISO-8859-1\"; x=y"),
             QStringLiteral("caf\u00e9!"));
    QCOMPARE(BodyFormat::pretty("caf\xc3\xa9", "text/plain"), QStringLiteral("caf\u00e9"));
    QCOMPARE(BodyFormat::text("caf\xc3\xa9", -1, "text/plain; charset=no-such-thing"),
             QStringLiteral("caf\u00e9")); // unknown: UTF-8
}

QTEST_GUILESS_MAIN(tst_BodyFormat)
#include "tst_bodyformat.moc"
