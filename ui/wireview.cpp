#include "wireview.h"

#include "theme.h"

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

void WireView::setChunks(const QList<Chunk> &chunks, bool final)
{
    qsizetype total = 0;
    for (const Chunk &c : chunks)
        total += c.bytes.size();
    const bool redraw = chunks.size() < m_shown || (final && total <= kShownInAll);
    if (redraw) {
        clear();
        m_shown = m_rendered = m_hiddenBytes = m_hiddenChunks = 0;
    }
    // Chunks already drawn are not drawn again (the last one may still grow while data streams).
    for (; m_shown < chunks.size(); ++m_shown) {
        if (m_rendered >= kShownInAll) {
            m_hiddenBytes += chunks[m_shown].bytes.size();
            ++m_hiddenChunks;
            continue;
        }
        appendChunk(chunks[m_shown]);
    }
    if (final && m_hiddenChunks > 0)
        appendSummary();
}

void WireView::appendChunk(const Chunk &c)
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat sent, received, meta;
    sent.setForeground(Theme::isDark(palette()) ? QColor(0x62, 0xa0, 0xea)
                                                : QColor(0x1a, 0x5f, 0xb4));
    received.setForeground(palette().text().color());
    meta.setForeground(QColor(Qt::gray));
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
    m_rendered += shown.size();
}

void WireView::appendSummary()
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat meta;
    meta.setForeground(QColor(Qt::gray));
    cursor.insertText(
        tr("… and %1 more bytes in %2 chunks, not drawn\n").arg(m_hiddenBytes).arg(m_hiddenChunks),
        meta);
    m_hiddenBytes = m_hiddenChunks = 0;
}
