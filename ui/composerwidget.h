#pragma once

#include "clientrequest.h"
#include "headereditmodel.h"
#include "requestauth.h"
#include "requestbody.h"
#include "variables.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTimer>
#include <QWidget>

class BodyEditor;
class QCheckBox;
class QComboBox;
class QSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QShortcut;

/// The request composer: method, URL ({{variables}} highlighted), query parameters, headers
/// (checkable, validated as typed, the client's own shown greyed), body, auth and options, with
/// Send / Cancel (Ctrl+Enter / Esc).
class ComposerWidget : public QWidget {
    Q_OBJECT
public:
    /// The request as it will be sent: variables filled in, the Auth and Body tabs' headers added.
    struct Composed {
        QByteArray method;
        QString url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QString bodyFile; ///< File mode: the file to stream as the body (`body` is empty)
        QString error;    ///< a body file that cannot be read
    };

    explicit ComposerWidget(QWidget *parent = nullptr);

    /// The active environment: used to fill in {{variables}} and to colour them in the URL.
    void setVariables(const Variables &variables);
    Composed compose() const;
    /// The greyed rows under the headers: what the Auth and Body tabs and Node's ClientRequest
    /// add (Host, Connection, Content-Length…), computed as ClientRequest does.
    QList<HeaderEditModel::Implicit> implicitHeaders() const;
    RequestBody requestBody() const;
    void setRequestBody(const RequestBody &body);
    void setOptions(bool keepAlive, int timeoutMs, bool insecure, int followRedirects = 0);

    QByteArray method() const;
    QString url() const;
    QList<QPair<QByteArray, QByteArray>> headers() const;
    /// Options tab: keep the connection alive (an Agent) or not (`agent: false`), a timeout in
    /// ms (0: none), and whether an invalid TLS certificate is accepted.
    bool keepAlive() const;
    int timeoutMs() const;
    bool acceptInvalidCertificates() const;
    /// How many redirects to follow (0: none; each hop is kept).
    int followRedirects() const;
    /// The Auth tab.
    RequestAuth auth() const;
    void setAuth(const RequestAuth &auth);
    /// Method, URL, headers and a raw body (none when empty; its type comes from the headers).
    void setRequest(const QByteArray &method, const QString &url,
                    const QList<QPair<QByteArray, QByteArray>> &headers,
                    const QByteArray &body = {});
    /// While a request runs, Send turns into Cancel.
    void setBusy(bool busy);
    /// A problem to show under the URL (invalid method, header…); empty hides it.
    void setProblem(const QString &problem);
    /// The first thing wrong with the request as composed, or empty.
    QString validate() const;
    /// The query parameters shown in the Params tab (kept in step with the URL both ways).
    QList<QPair<QByteArray, QByteArray>> queryParameters() const;

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();
    /// Something the user composes changed (a moment after the last change).
    void changed();
    /// A curl command was pasted into the URL field (as it was on the clipboard).
    void curlPasted(const QString &command);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void urlToParams();
    void paramsToUrl();
    void highlightUrl();
    /// The body as it will go out: its bytes (or the file streamed), type and length (-1: known
    /// only when sent). For display, files are not read.
    struct BodyShape {
        QByteArray bytes;
        QString file;
        QByteArray contentType;
        qint64 length = 0;
        QString error;
    };
    BodyShape bodyShape(bool forSending) const;
    /// Headers from the Auth and Body tabs (and a length Node would leave out).
    QList<HeaderEditModel::Implicit> addedHeaders(const QList<QPair<QByteArray, QByteArray>> &user,
                                                  const BodyShape &body) const;
    QByteArray lengthText(qint64 length) const;
    /// The request as httpcore's options, for its head preview.
    http::ClientRequest::Options
    clientOptions(const QList<QPair<QByteArray, QByteArray>> &headers) const;

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_problem;
    HeaderEditModel *m_headers;
    HeaderEditModel *m_params;
    bool m_syncing = false;
    QLabel *m_resolved;
    BodyEditor *m_body;
    Variables m_variables;
    QTimer m_implicitTimer;
    QCheckBox *m_keepAlive;
    QSpinBox *m_timeout;
    QCheckBox *m_insecure;
    QSpinBox *m_redirects;
    QComboBox *m_authType;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    bool m_busy = false;
    qsizetype m_urlLength = 0; // before the last edit: a paste adds many characters at once
    QShortcut *m_cancelKey;
};
