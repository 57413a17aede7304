#include "wireview.h"

#include "theme.h"

#include <QEvent>
#include <QFontDatabase>

#include <QTextCharFormat>
#include <QTextCursor>
#include <algorithm>

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

namespace {

struct Formats {
    QTextCharFormat meta, sentHead, sentBody, receivedHead, receivedBody, framing, trailers;
};

Formats formatsFor(const QPalette &palette)
{
    const bool dark = Theme::isDark(palette);
    Formats f;
    f.meta.setForeground(QColor(Qt::gray));
    f.sentBody.setForeground(dark ? QColor(0x62, 0xa0, 0xea) : QColor(0x1a, 0x5f, 0xb4));
    f.sentHead = f.sentBody;
    f.sentHead.setFontWeight(QFont::Bold);
    f.receivedBody.setForeground(palette.text().color());
    f.receivedHead = f.receivedBody;
    f.receivedHead.setFontWeight(QFont::Bold);
    f.framing.setForeground(dark ? QColor(0xff, 0xa3, 0x48) : QColor(0xc6, 0x4b, 0x00));
    f.trailers.setForeground(dark ? QColor(0x5f, 0xd7, 0xc7) : QColor(0x00, 0x7a, 0x6e));
    f.trailers.setFontWeight(QFont::Bold);
    return f;
}

} // namespace

void WireView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && (m_final || !m_chunks.isEmpty())) {
        reset();
        setChunks(QList<Chunk>(m_chunks), m_final, m_omitted);
    }
}

void WireView::reset()
{
    clear();
    m_shown = m_rendered = m_hiddenBytes = m_hiddenChunks = m_hiddenGap = m_gapsNoted = 0;
    m_sentFraming = WireFraming(false);
    m_receivedFraming = WireFraming(true);
    m_receivedLast = false;
    m_notesShown = false;
}

void WireView::setChunks(const QList<Chunk> &chunks, bool final, qint64 omitted)
{
    m_chunks = chunks;
    m_final = final;
    m_omitted = omitted;
    qsizetype total = 0;
    for (const Chunk &c : chunks)
        total += c.bytes.size();
    // Fewer chunks: another exchange, unless only chunks not drawn went (the capture's tail drops
    // its oldest while it streams).
    if (chunks.size() < m_shown && m_hiddenChunks > 0 && chunks.size() > m_firstHidden)
        m_shown = chunks.size();
    if (chunks.size() < m_shown || (final && total <= kShownInAll))
        reset();
    // Chunks already drawn are not drawn again (the last one may still grow while data streams).
    for (; m_shown < chunks.size(); ++m_shown) {
        if (m_rendered >= kShownInAll) {
            if (m_hiddenChunks++ == 0)
                m_firstHidden = m_shown;
            continue;
        }
        if (m_shown == 0)
            appendLegend();
        appendChunk(chunks[m_shown]);
    }
    if (!final || m_notesShown)
        return;
    m_notesShown = true;
    if (m_hiddenChunks > 0) {
        // The end of the exchange is drawn too: its last chunk, after what was not drawn.
        // Counted from the final list: while streaming, the capture's tail drops chunks at its
        // front, so the hidden ones are not those first seen.
        m_hiddenChunks = chunks.size() - 1 - m_firstHidden;
        for (qsizetype i = m_firstHidden; i < chunks.size() - 1; ++i) {
            m_hiddenBytes += chunks[i].bytes.size();
            m_hiddenGap += chunks[i].omittedBefore;
        }
        const Chunk &last = chunks.last();
        if (m_hiddenChunks > 0)
            appendSummary();
        m_sentFraming.lostTrack();
        m_receivedFraming.lostTrack();
        appendChunk(last);
    }
    if (omitted > m_gapsNoted)
        appendNote(tr("… and %1 more bytes, not kept\n").arg(omitted - m_gapsNoted));
    if (std::none_of(chunks.cbegin(), chunks.cend(), [](const Chunk &c) { return c.sent; }))
        appendNote(tr("→ nothing sent: the connection ended before the kernel took a byte\n"));
}

void WireView::appendNote(const QString &text)
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, formatsFor(palette()).meta);
}

void WireView::appendLegend()
{
    const Formats f = formatsFor(palette());
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(tr("Colours: "), f.meta);
    cursor.insertText(tr("sent"), f.sentHead);
    cursor.insertText(QStringLiteral(" · "), f.meta);
    cursor.insertText(tr("received"), f.receivedHead);
    cursor.insertText(QStringLiteral(" · "), f.meta);
    cursor.insertText(tr("chunk framing"), f.framing);
    cursor.insertText(QStringLiteral(" · "), f.meta);
    cursor.insertText(tr("trailers"), f.trailers);
    cursor.insertText(tr("; heads in bold\n"), f.meta);
}

void WireView::appendChunk(const Chunk &c)
{
    const Formats f = formatsFor(palette());
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (c.omittedBefore > 0) { // the capture keeps the start and the end of an exchange
        cursor.insertText(tr("… %1 bytes not kept here …\n").arg(c.omittedBefore), f.meta);
        m_gapsNoted += c.omittedBefore;
        m_sentFraming.lostTrack();
        m_receivedFraming.lostTrack();
    }
    cursor.insertText(QStringLiteral("%1 %2 %3 bytes at %4 ms\n")
                          .arg(c.sent ? QStringLiteral("→") : QStringLiteral("←"),
                               c.sent ? tr("sent") : tr("received"))
                          .arg(c.bytes.size())
                          .arg(c.ms, 0, 'f', 3),
                      f.meta);
    // A request after a response: a body that ran to the close of a connection ended there.
    if (c.sent && m_receivedLast)
        m_receivedFraming.endOfStream();
    m_receivedLast = !c.sent;
    // Every byte goes through the framing (its state must follow), only the start is drawn.
    const QList<WireFraming::Span> spans =
        (c.sent ? m_sentFraming : m_receivedFraming).feed(c.bytes);
    const qsizetype shown = qMin(c.bytes.size(), kShownPerChunk);
    for (const WireFraming::Span &span : spans) {
        if (span.start >= shown)
            break;
        const QTextCharFormat *format = nullptr;
        switch (span.part) {
        case WireFraming::Part::Head:
            format = c.sent ? &f.sentHead : &f.receivedHead;
            break;
        case WireFraming::Part::Body:
            format = c.sent ? &f.sentBody : &f.receivedBody;
            break;
        case WireFraming::Part::ChunkFraming:
            format = &f.framing;
            break;
        case WireFraming::Part::Trailers:
            format = &f.trailers;
            break;
        }
        const qsizetype length = qMin(span.length, shown - span.start);
        cursor.insertText(render(c.bytes.mid(span.start, length)), *format);
    }
    if (c.bytes.size() > shown)
        cursor.insertText(tr("\n… %1 more bytes").arg(c.bytes.size() - shown), f.meta);
    cursor.insertText(QStringLiteral("\n"), f.meta);
    m_rendered += shown;
}

void WireView::appendSummary()
{
    appendNote(
        tr("… and %1 more bytes in %2 chunks, not drawn\n").arg(m_hiddenBytes).arg(m_hiddenChunks));
    if (m_hiddenGap > 0)
        appendNote(tr("… and %1 bytes among them not kept\n").arg(m_hiddenGap));
    m_gapsNoted += m_hiddenGap;
    m_hiddenBytes = m_hiddenChunks = m_hiddenGap = 0;
}
