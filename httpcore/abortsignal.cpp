#include "abortsignal.h"

namespace http {

AbortSignal::AbortSignal(QObject *parent)
    : QObject(parent)
{
}

void AbortSignal::abort(const HttpError &reason)
{
    if (m_aborted)
        return;
    m_aborted = true;
    m_reason =
        reason ? reason : HttpError("AbortError", QStringLiteral("This operation was aborted"));
    emit aborted();
}

HttpError AbortSignal::abortError()
{
    return HttpError("ABORT_ERR", QStringLiteral("The operation was aborted"));
}

} // namespace http
