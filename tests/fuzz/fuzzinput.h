#pragma once

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

/// A fuzzer's input, read as: one byte of flags for the target, one byte seeding the sizes of
/// the chunks the rest is fed in (0: one chunk; 1: byte by byte; otherwise 1 to 64 bytes each),
/// then the bytes themselves. No Node equivalent: it plays the network's arbitrary splits.
class FuzzInput {
public:
    FuzzInput(const std::uint8_t *data, std::size_t size);

    bool flag(int bit) const { return (m_flags >> bit) & 1; }
    bool atEnd() const { return m_pos >= m_data.size(); }
    /// The next chunk; empty at the end.
    QByteArrayView nextChunk();
    /// All the bytes after the two header bytes.
    QByteArrayView bytes() const { return m_data; }

private:
    QByteArrayView m_data;
    std::uint8_t m_flags = 0;
    std::uint8_t m_seed = 0;
    std::uint32_t m_state = 0;
    qsizetype m_pos = 0;
};
