#pragma once

#include "httperror.h"

#include <QString>

namespace wb {

/// One line in plain words for a failed exchange: what most likely happened and what to try
/// (`send` prints it under the error; the app shows it under the status).
namespace errorhint {

/// `host` and `port` are where the request went; `hadResponse`: a response head had arrived.
QString explain(const http::HttpError &error, const QString &host, int port, bool hadResponse);

} // namespace errorhint

} // namespace wb
