#include "wireview.h"

#include <QFontDatabase>
#include <QTextCharFormat>
#include <QTextCursor>

WireView::WireView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("The bytes sent and received appear here."));
}

QString WireView::render(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() + bytes.size() / 16);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        // CR and LF written out, as curl --trace-ascii and Node's docs do (the control-picture
        // glyphs are missing from common monospace fonts).
        if (c == '\r')
            out += QLatin1String("\\r");
        else if (c == '\n')
            out += QLatin1String("\\n\n");
        else if (c == '\t' || (u >= 0x20 && u < 0x7f))
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

void WireView::setChunks(const QList<Chunk> &chunks)
{
    // While an exchange runs, chunks are only appended (and the last one may grow): append what
    // is new; anything else starts over.
    const bool canAppend =
        chunks.size() >= m_shown &&
        (m_shown == 0 || chunks[m_shown - 1].bytes.size() == m_chunks[m_shown - 1].bytes.size());
    if (!canAppend) {
        clear();
        m_shown = 0;
    }
    m_chunks = chunks;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat sent, received, meta;
    sent.setForeground(QColor(0x1a, 0x5f, 0xb4));
    received.setForeground(palette().text().color());
    meta.setForeground(QColor(Qt::gray));
    for (; m_shown < chunks.size(); ++m_shown) {
        const Chunk &c = chunks[m_shown];
        cursor.insertText(QStringLiteral("%1 %2 %3 bytes at %4 ms\n")
                              .arg(c.sent ? QStringLiteral("→") : QStringLiteral("←"),
                                   c.sent ? tr("sent") : tr("received"))
                              .arg(c.bytes.size())
                              .arg(c.ms, 0, 'f', 3),
                          meta);
        const QByteArray shown = c.bytes.left(kShownPerChunk);
        cursor.insertText(render(shown), c.sent ? sent : received);
        if (c.bytes.size() > shown.size())
            cursor.insertText(tr("\n… %1 more bytes").arg(c.bytes.size() - shown.size()), meta);
        cursor.insertText(QStringLiteral("\n"), meta);
    }
}
