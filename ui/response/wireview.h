#pragma once

#include <QByteArray>
#include <QList>
#include <QPlainTextEdit>

#include "wireframing.h"

/// The exact bytes of an exchange, both directions, with times: CR and LF shown as \r and \n,
/// other control and non-ASCII bytes as \xNN (a backslash itself stays as it is); heads in bold,
/// chunk framing and trailers in their own colours. Very long chunks are cut for display (the
/// count says so).
class WireView : public QPlainTextEdit {
    Q_OBJECT
public:
    struct Chunk {
        bool sent = false;
        QByteArray bytes;
        double ms = 0;
        qint64 omittedBefore = 0; ///< bytes not kept just before this chunk
    };
    /// Bytes shown per chunk before "… N more bytes".
    static constexpr qsizetype kShownPerChunk = 64 * 1024;
    /// Bytes shown in all; later chunks are only counted, so huge exchanges stay responsive.
    static constexpr qsizetype kShownInAll = 1024 * 1024;

    explicit WireView(QWidget *parent = nullptr);

    /// Shows `chunks`. While an exchange runs, only new chunks are added; with `final` the view
    /// is redrawn once with exact counts (when it is small enough to draw in full), and says so
    /// when nothing was sent (the connection failed before the kernel took a byte). `omitted`:
    /// bytes not in `chunks` (history keeps only the first ones).
    void setChunks(const QList<Chunk> &chunks, bool final = true, qint64 omitted = 0);
    /// What a chunk looks like in the view (plain text), for tests and copying.
    static QString render(const QByteArray &bytes);

protected:
    /// A theme switch redraws everything in the new palette's colours.
    void changeEvent(QEvent *event) override;

private:
    void reset();
    void appendChunk(const Chunk &chunk);
    void appendNote(const QString &text);
    void appendSummary();
    void appendLegend();

    QList<Chunk> m_chunks; // what is shown, to draw again in other colours
    bool m_final = false;
    qint64 m_omitted = 0;
    bool m_notesShown = false; // the notes after a final set of chunks
    WireFraming m_sentFraming{false};
    WireFraming m_receivedFraming{true};
    bool m_receivedLast = false; // the last chunk drawn was received
    qsizetype m_shown = 0;       // chunks already in the document
    qsizetype m_rendered = 0;    // bytes drawn
    qsizetype m_hiddenBytes = 0;
    qsizetype m_hiddenChunks = 0;
    qsizetype m_firstHidden = 0; // the first chunk not drawn
    qint64 m_hiddenGap = 0;      // bytes not kept among the chunks not drawn
    qint64 m_gapsNoted = 0;      ///< bytes not kept, already noted where they were
};
