#pragma once

#include <QByteArray>
#include <QStringView>

namespace wb::jsonstring {

/// `text` as the inside of a JSON string (JSON.stringify's escapes), appended in UTF-8. Linear
/// in the text: runs that need no escape are converted in one piece.
void appendEscaped(QByteArray &out, QStringView text);
/// `text` as a JSON string, quotes included.
void append(QByteArray &out, QStringView text);

} // namespace wb::jsonstring
