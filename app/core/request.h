#pragma once

#include "clientrequest.h"
#include "requestauth.h"
#include "requestbody.h"
#include "streamsocket.h"
#include "variables.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace wb {

/// A request as people compose, save, import and send it: Postman's request, a curl command line,
/// the arguments of Node's `http.request(url, options)` before they are filled in. One JSON form,
/// the saved-request file. prepare() turns it into what httpcore is given.
class Request {
public:
    /// A header row; a disabled one is kept (and saved) but not sent.
    struct Header {
        QByteArray name;
        QByteArray value;
        bool enabled = true;
        friend bool operator==(const Header &, const Header &) = default;
    };
    /// A header the user does not write: from the Auth or Body tab, from Wirebench, or from
    /// Node's ClientRequest (Host, Connection, Content-Length…), with where it comes from.
    struct Added {
        QByteArray name;
        QByteArray value;
        QString origin;
        friend bool operator==(const Added &, const Added &) = default;
    };
    /// What goes to `http.request()` and `req.end()`: variables filled in, the Auth and Body
    /// tabs' headers added, the body encoded (or a file to stream).
    struct Prepared {
        QUrl url;
        QByteArray method;
        http::OutgoingMessage::HeaderList headers; ///< the user's enabled ones, then `added`
        QList<Added> added;
        QByteArray body;
        bool hasBody = false;
        QString bodyFile;      ///< File mode: streamed 64 KiB at a time (`body` is empty)
        qint64 bodyLength = 0; ///< -1: known only when sent (a preview of files)
        QString error;         ///< a body file that cannot be read
        bool keepAlive = true;
        int timeoutMs = 0;
        bool insecure = false;
        http::StreamSocket::Lookup lookup;
        /// Wire capture: the first and the last so many bytes are kept, the middle counted.
        qint64 wireHead = 4 * 1024 * 1024;
        qint64 wireTail = 4 * 1024 * 1024;
    };
    /// Send reads files and makes the multipart boundary; Preview does neither (on every key).
    enum class Purpose { Send, Preview };

    QString collection; ///< folder path inside the workspace's requests/ ("" for the top level)
    QString name;       ///< "" for a scratch request (a new tab) that was never saved
    QByteArray method = "GET";
    QString url; ///< as written: may hold {{variables}}
    QList<Header> headers;
    RequestBody body;
    RequestAuth auth;
    bool keepAlive = true; ///< an Agent with keepAlive; false: Node's `agent: false`
    int timeoutMs = 0;     ///< 0: none
    bool insecure = false; ///< Node's `rejectUnauthorized: false`
    int followRedirects = 0;
    /// Node's `lookup` (null: the system's resolver); `send --resolve` sets it. Not saved.
    http::StreamSocket::Lookup lookup;

    /// "collection/name", "name", or "" for a scratch request.
    QString path() const;
    /// The name as lists show it after the method: without a leading copy of the method (a
    /// saved "GET users" shows as GET users, not GET GET users).
    QString displayName() const;
    /// The enabled, named header rows.
    QList<QPair<QByteArray, QByteArray>> enabledHeaders() const;
    /// The first thing that keeps it from being sent (a method that is not a token, a URL that
    /// is not http(s), an unknown {{variable}}, a header Node refuses), or "".
    QString problem(const Variables &vars) const;
    Prepared prepare(const Variables &vars, Purpose purpose = Purpose::Send) const;
    /// The greyed rows of the composer: the Auth and Body tabs' headers and what Node's
    /// ClientRequest adds, computed by httpcore itself.
    QList<Added> implicitHeaders(const Variables &vars) const;

    /// The saved-request file (collection is the file's folder, not in the object).
    QJsonObject toJson() const;
    static Request fromJson(const QJsonObject &o);
};

} // namespace wb
