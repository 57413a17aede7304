#include "fuzzinput.h"

FuzzInput::FuzzInput(const std::uint8_t *data, std::size_t size)
{
    if (size >= 1)
        m_flags = data[0];
    if (size >= 2)
        m_seed = data[1];
    const std::size_t skip = size < 2 ? size : 2;
    m_data = QByteArrayView(reinterpret_cast<const char *>(data) + skip, qsizetype(size - skip));
    m_state = m_seed;
}

QByteArrayView FuzzInput::nextChunk()
{
    qsizetype length = m_data.size() - m_pos;
    if (m_seed == 1) {
        length = qMin<qsizetype>(length, 1);
    } else if (m_seed != 0) {
        m_state = m_state * 1103515245u + 12345u; // any cheap sequence will do
        length = qMin<qsizetype>(length, 1 + (m_state >> 16) % 64);
    }
    const QByteArrayView chunk = m_data.sliced(m_pos, length);
    m_pos += length;
    return chunk;
}
