// WireView: bytes made visible, chunks appended live, long chunks cut with a count.
#include "wireview.h"

#include <QTest>

class tst_WireView : public QObject {
    Q_OBJECT
private slots:
    void render_data();
    void render();
    void appendsAndCuts();
    void hugeExchangesAreCountedNotDrawn();
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
    QVERIFY(view.toPlainText().startsWith(
        QStringLiteral("→ sent 18 bytes at 0.500 ms\nGET / HTTP/1.1\\r\\n")));
    const QByteArray big(WireView::kShownPerChunk + 10, 'x');
    view.setChunks({{true, "GET / HTTP/1.1\r\n\r\n", 0.5}, {false, big, 2.0}});
    QVERIFY(view.toPlainText().contains(
        QStringLiteral("← received %1 bytes at 2.000 ms").arg(big.size())));
    QVERIFY(view.toPlainText().contains(QStringLiteral("… 10 more bytes")));
    view.setChunks({});
    QVERIFY(view.toPlainText().isEmpty());
}

void tst_WireView::hugeExchangesAreCountedNotDrawn()
{
    WireView view;
    QList<WireView::Chunk> chunks;
    for (int i = 0; i < 40; ++i) {
        chunks.append({false, QByteArray(64 * 1024, 'b'), double(i)});
        view.setChunks(chunks, false); // streaming: only new chunks are drawn
    }
    view.setChunks(chunks, true);
    const QString text = view.toPlainText();
    QVERIFY(text.size() < 2 * WireView::kShownInAll);
    QVERIFY(text.endsWith(
        QStringLiteral("… and %1 more bytes in 24 chunks, not drawn\n").arg(24 * 64 * 1024)));
}

QTEST_MAIN(tst_WireView)
#include "tst_wireview.moc"
