#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QWidget>

class HeaderEditModel;
class QCheckBox;
class QComboBox;
class QSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

/// The request composer: method, URL, headers (checkable, validated as typed) and body, with
/// Send / Cancel (Ctrl+Enter / Esc).
class ComposerWidget : public QWidget {
    Q_OBJECT
public:
    explicit ComposerWidget(QWidget *parent = nullptr);

    QByteArray method() const;
    QString url() const;
    QList<QPair<QByteArray, QByteArray>> headers() const;
    QByteArray body() const;
    /// Options tab: keep the connection alive (an Agent) or not (`agent: false`), a timeout in
    /// ms (0: none), and whether an invalid TLS certificate is accepted.
    bool keepAlive() const;
    int timeoutMs() const;
    bool acceptInvalidCertificates() const;
    /// How many redirects to follow (0: none; each hop is kept).
    int followRedirects() const;
    /// Auth tab: the Authorization value it makes ("Basic …", "Bearer …"), or empty for none.
    QByteArray authorization() const;
    void setBasicAuth(const QString &user, const QString &password);
    void setBearerToken(const QString &token);
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

private:
    void urlToParams();
    void paramsToUrl();

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_problem;
    HeaderEditModel *m_headers;
    HeaderEditModel *m_params;
    bool m_syncing = false;
    QTableView *m_headerTable;
    QPlainTextEdit *m_body;
    QCheckBox *m_keepAlive;
    QSpinBox *m_timeout;
    QCheckBox *m_insecure;
    QSpinBox *m_redirects;
    QComboBox *m_authType;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    bool m_busy = false;
};
