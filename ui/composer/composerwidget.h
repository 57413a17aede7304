#pragma once

#include "headereditmodel.h"
#include "request.h"
#include "variables.h"

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
    explicit ComposerWidget(QWidget *parent = nullptr);

    /// What the composer holds (no collection or name: those are the tab's).
    wb::Request request() const;
    void setRequest(const wb::Request &request);
    /// The active environment: used to fill in {{variables}} and to colour them in the URL.
    void setVariables(const wb::Variables &variables);
    const wb::Variables &variables() const { return m_variables; }
    /// While a request runs, Send turns into Cancel.
    void setBusy(bool busy);
    /// A problem to show under the URL (invalid method, header…); empty hides it.
    void setProblem(const QString &problem);
    /// The first thing wrong with the request as composed, or empty.
    QString validate() const;
    /// Puts the cursor in the URL field, its text selected (Ctrl+L).
    void focusUrl();

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
    wb::RequestAuth auth() const;

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_problem;
    HeaderEditModel *m_headers;
    HeaderEditModel *m_params;
    bool m_syncing = false;
    QLabel *m_resolved;
    BodyEditor *m_body;
    wb::Variables m_variables;
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
