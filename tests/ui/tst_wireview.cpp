// WireView: bytes made visible, chunks appended live, long chunks cut with a count.
#include "wireview.h"

#include <QTest>
#include <QTextCursor>

class tst_WireView : public QObject {
    Q_OBJECT
private slots:
    void render_data();
    void render();
    void appendsAndCuts();
    void saysWhenNothingWasSent();
    void themeSwitchRedraws();
    void hugeExchangesAreCountedNotDrawn();
    void gapInTheCaptureIsNotedWhereItIs();
    void framingIsMarked();
};

void tst_WireView::render_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("CRLF") << QByteArray("GET / HTTP/1.1\r\n")
                          << QStringLiteral("GET / HTTP/1.1\\r\\n\n");
    QTest::newRow("bare LF") << QByteArray("a\nb") << QStringLiteral("a\\n\nb");
    QTest::newRow("control and high bytes")
        << QByteArray("\x01\xff\t") << QStringLiteral("\\x01\\xff\t");
}

void tst_WireView::render()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shown);
    QCOMPARE(WireView::render(bytes), shown);
}

void tst_WireView::appendsAndCuts()
{
    WireView view;
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.5}});
    QVERIFY(
        view.toPlainText().startsWith(QStringLiteral("Colours: sent · received · chunk framing")));
    QVERIFY(view.toPlainText().section(u'\n', 1).startsWith(
        QStringLiteral("→ sent 18 bytes at 0.500 ms\nGET / HTTP/1.1\\r\\n")));
    const QByteArray big(WireView::kShownPerChunk + 10, 'x');
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.5}, {false, big, 2.0}});
    QVERIFY(view.toPlainText().contains(
        QStringLiteral("← received %1 bytes at 2.000 ms").arg(big.size())));
    QVERIFY(view.toPlainText().contains(QStringLiteral("… 10 more bytes")));
    view.setChunks({}, false); // a new exchange, nothing yet
    QVERIFY(view.toPlainText().isEmpty());
}

void tst_WireView::saysWhenNothingWasSent()
{
    // Only bytes the kernel took are chunks: a refused connection or a failed TLS handshake
    // leaves none, and the view says so instead of an empty page.
    WireView view;
    view.setChunks({}, true);
    QCOMPARE(
        view.toPlainText(),
        QStringLiteral("→ nothing sent: the connection ended before the kernel took a byte\n"));
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.5}}, true);
    QVERIFY(!view.toPlainText().contains(QStringLiteral("nothing sent")));
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.5}}, true, 1234);
    QVERIFY(view.toPlainText().endsWith(QStringLiteral("… and 1234 more bytes, not kept\n")));
}

void tst_WireView::themeSwitchRedraws()
{
    // Colours are drawn into the text: a palette change must draw it again, or received bytes
    // stay white on white after dark → light.
    WireView view;
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    view.setPalette(dark);
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.1},
                    {false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", 1.0}});
    auto bodyColour = [&] {
        QTextCursor cursor(view.document());
        cursor.setPosition(int(view.toPlainText().lastIndexOf(QStringLiteral("hi"))) + 1);
        return cursor.charFormat().foreground().color();
    };
    QCOMPARE(bodyColour(), QColor(0xe6, 0xe6, 0xe6));
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    view.setPalette(light);
    QCOMPARE(bodyColour(), QColor(Qt::black));
    QVERIFY(view.toPlainText().startsWith(QStringLiteral("Colours:")));
    QCOMPARE(view.toPlainText().count(QStringLiteral("→ sent")), 1);
}

void tst_WireView::hugeExchangesAreCountedNotDrawn()
{
    WireView view;
    QList<WireView::Chunk> chunks{{true, "GET / HTTP/1.1\r\n\r\n", 0}};
    for (int i = 0; i < 40; ++i) {
        chunks.append({false, QByteArray(64 * 1024, 'b'), double(i)});
        view.setChunks(chunks, false); // streaming: only new chunks are drawn
    }
    // The capture's tail drops its oldest chunks while it streams: nothing is drawn again.
    const int revision = view.document()->revision();
    view.setChunks(chunks.mid(0, 30) + chunks.mid(33), false);
    QCOMPARE(view.document()->revision(), revision);
    chunks[30].omittedBefore = 5000000; // the capture's gap, among the chunks not drawn
    chunks.append({false, QByteArray(100, 'z') + "END", 40.0});
    view.setChunks(chunks, true, 5000000);
    const QString text = view.toPlainText();
    QVERIFY(text.size() < 2 * WireView::kShownInAll);
    // What did not fit is counted; the last chunk, the end of the exchange, is drawn after it.
    const QString summary =
        QStringLiteral("… and %1 more bytes in 24 chunks, not drawn\n").arg(24 * 64 * 1024);
    QVERIFY2(text.contains(summary), qPrintable(text.right(300)));
    QVERIFY(text.contains(summary + QStringLiteral("… and 5000000 bytes among them not kept\n")));
    QVERIFY(text.indexOf(QStringLiteral("zEND")) > text.indexOf(summary));
    QVERIFY(!text.contains(QStringLiteral("more bytes, not kept"))); // not counted twice
}

void tst_WireView::gapInTheCaptureIsNotedWhereItIs()
{
    // The capture kept the head and the tail of a 1 MB chunked body: the gap is noted between
    // them, the framing is not guessed after it, and the final note does not count it twice.
    WireView view;
    const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n";
    QList<WireView::Chunk> chunks{{true, "GET / HTTP/1.1\r\n\r\n", 0},
                                  {false, head + QByteArray(16, 'a'), 1},
                                  {false, "5\r\nvwxyz\r\n0\r\n\r\n", 9, 1000000}};
    view.setChunks(chunks, true, 1000000 + 50);
    const QString text = view.toPlainText();
    const qsizetype gap = text.indexOf(QStringLiteral("… 1000000 bytes not kept here …\n"));
    QVERIFY2(gap > text.indexOf(QStringLiteral("aaaa")), qPrintable(text));
    QVERIFY(text.indexOf(QStringLiteral("vwxyz")) > gap);
    QVERIFY(text.endsWith(QStringLiteral("… and 50 more bytes, not kept\n")));
    // After the gap the bytes are body (no chunk-framing colour on "5\r\n").
    QTextCursor at(view.document());
    at.setPosition(int(text.indexOf(QStringLiteral("5\\r\\n"), gap)) + 1);
    const QColor framing = at.charFormat().foreground().color();
    at.setPosition(int(text.indexOf(QStringLiteral("vwxyz"))) + 1);
    QCOMPARE(framing, at.charFormat().foreground().color());
}

void tst_WireView::framingIsMarked()
{
    WireView view;
    // A chunked response split mid size line, then its trailers: each part keeps its colour.
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.1},
                    {false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0", 1.0},
                    {false, "c\r\nhello world!\r\n0\r\nX-Sum: 7\r\n\r\n", 2.0}});
    const QString text = view.toPlainText();
    auto formatAt = [&](const QString &what) {
        const qsizetype at = text.indexOf(what);
        if (at < 0)
            qFatal("%s not shown", qPrintable(what));
        QTextCursor cursor(view.document());
        cursor.setPosition(int(at) + 1); // the format of the character after `at`
        return cursor.charFormat();
    };
    const QTextCharFormat head = formatAt(QStringLiteral("HTTP/1.1 200"));
    const QTextCharFormat size = formatAt(QStringLiteral("c\\r\\n\nhello"));
    const QTextCharFormat body = formatAt(QStringLiteral("hello world"));
    const QTextCharFormat trailer = formatAt(QStringLiteral("X-Sum"));
    QCOMPARE(head.fontWeight(), QFont::Bold);
    QCOMPARE(body.fontWeight(), QFont::Normal);
    QVERIFY(size.foreground() != body.foreground());
    QVERIFY(trailer.foreground() != body.foreground());
    QVERIFY(trailer.foreground() != size.foreground());
    QCOMPARE(formatAt(QStringLiteral("0\\r\\n\nX-Sum")).foreground(), size.foreground());
}

QTEST_MAIN(tst_WireView)
#include "tst_wireview.moc"
