#pragma once

#include "httperror.h"
#include "mockfile.h"

#include <QString>
#include <QThread>

namespace wb {

class MockEngine;

/// Mock servers served from a worker thread, so the GUI thread never does server work. No Node
/// equivalent (Node would use a worker or another process).
class MockThread {
public:
    MockThread();
    ~MockThread();
    MockThread(const MockThread &) = delete;
    MockThread &operator=(const MockThread &) = delete;

    /// Starts the servers of `file`; when its first port is taken, on a free port instead (so a
    /// second window still gets its servers).
    http::HttpError start(const MockFile &file);
    /// `http://HOST:PORT` of server `index` as it really listens ("" before start()).
    QString url(int index) const;

private:
    QThread m_thread;
    MockEngine *m_engine = nullptr; // lives in m_thread
    QStringList m_urls;
};

} // namespace wb
