#pragma once

#include "httperror.h"

#include <QObject>

namespace http {

/// Node's `AbortSignal` with its `AbortController`'s abort(): given as a request's `signal`
/// option, aborting it destroys the request with an AbortError (ABORT_ERR).
class AbortSignal : public QObject {
    Q_OBJECT
public:
    explicit AbortSignal(QObject *parent = nullptr);

    /// `controller.abort([reason])`: the first call marks the signal and emits aborted().
    void abort(const HttpError &reason = {});
    /// `signal.aborted`.
    bool isAborted() const { return m_aborted; }
    /// `signal.reason`: by default a DOMException named AbortError.
    const HttpError &reason() const { return m_reason; }
    /// The error a stream is destroyed with (`new AbortError(undefined, {cause: reason})`).
    static HttpError abortError();

Q_SIGNALS:
    /// The signal's 'abort' event.
    void aborted();

private:
    bool m_aborted = false;
    HttpError m_reason;
};

} // namespace http
