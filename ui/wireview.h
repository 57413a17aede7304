#pragma once

#include <QByteArray>
#include <QList>
#include <QPlainTextEdit>

/// The exact bytes of an exchange, both directions, with times: CR and LF shown as \r and \n,
/// other control and non-ASCII bytes as \xNN (a backslash itself stays as it is). Very long chunks
/// are cut for display (the count says so).
class WireView : public QPlainTextEdit {
    Q_OBJECT
public:
    struct Chunk {
        bool sent = false;
        QByteArray bytes;
        double ms = 0;
    };
    /// Bytes shown per chunk before "… N more bytes".
    static constexpr qsizetype kShownPerChunk = 64 * 1024;

    explicit WireView(QWidget *parent = nullptr);

    void setChunks(const QList<Chunk> &chunks);
    /// What a chunk looks like in the view (plain text), for tests and copying.
    static QString render(const QByteArray &bytes);

private:
    qsizetype m_shown = 0; // chunks already in the document
    QList<Chunk> m_chunks;
};
