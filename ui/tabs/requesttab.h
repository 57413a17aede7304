#pragma once

#include "exchangerecord.h"
#include "request.h"
#include "run.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

namespace wb {
class Session;
class Variables;
} // namespace wb
class ComposerWidget;
class ResponseView;
class QSplitter;

/// One request tab: a composer above, what came back below, and the run it sent. A tab holds a
/// saved request (collection/name) or a scratch one; it knows when it differs from what was last
/// opened, saved or sent. No Node equivalent.
class RequestTab : public QWidget {
    Q_OBJECT
public:
    RequestTab(wb::Session *session, QWidget *parent = nullptr);
    ~RequestTab() override;

    /// What the tab holds now, with its collection and name.
    wb::Request request() const;
    /// Shows `request` as the unmodified state (the response view is emptied).
    void open(const wb::Request &request);
    /// Shows `request` with `baseline` as the state it is compared with (a restored tab).
    void restore(const wb::Request &request, const QJsonObject &baseline);
    QJsonObject baseline() const { return m_baseline; }
    /// The composer differs from what was last opened, saved or sent.
    bool isModified() const;
    /// Nothing typed, nothing sent: the tab can be reused for what is opened next.
    bool isReusable() const;
    /// "users 42": the name, or (never saved) what the URL suggests.
    QString title() const;
    void setVariables(const wb::Variables &variables);

    /// Sends what the composer holds (as the Send button does); a run going on is cancelled.
    void send();
    void cancel();
    /// The run shown (null before the first send and when a history entry is shown).
    wb::Run *run() const { return m_run; }
    /// The Agent's socket that carried the exchange shown (a run's or a history entry's), and
    /// its URL's protocol ("http:"); socket 0 when none.
    std::pair<QString, wb::Exchange::Connection> connectionShown() const;
    /// Fills the composer from a curl command line; false (and a message) if it cannot.
    bool importCurl(const QString &commandLine);
    /// The request as it would be sent (variables filled in) as a curl command.
    QString exportCurl() const;
    /// Saves the request in the workspace as `collection`/`name`.
    bool save(const QString &collection, const QString &name);
    /// Save request… (Ctrl+S): asks for the name and collection, proposing the current ones.
    bool saveInteractively();
    /// Opens a history entry: its request in the composer, its response below.
    void showHistoryEntry(const QJsonObject &entry);
    /// The time of the history entry shown ("" when none is).
    QString historyTimeShown() const { return m_historyShown ? m_historyTime : QString(); }
    /// Writes the whole body of the response shown to `path`.
    bool saveResponseBody(const QString &path);

    ComposerWidget *composer() const { return m_composer; }
    ResponseView *responseView() const { return m_response; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    /// The title or the modified state may have changed.
    void changed();
    /// The request was saved in the workspace (its list changed).
    void saved();
    void message(const QString &text, int timeoutMs);
    /// A response came back or a history entry is shown: connectionShown() may have changed.
    void responseShown();

private:
    /// Cancels and forgets the run shown; the response view is emptied.
    void clearResponse();
    /// Lets go of the run shown: one still going is cancelled (history keeps it).
    void releaseRun();
    void refresh();

    wb::Session *m_session;
    ComposerWidget *m_composer;
    ResponseView *m_response;
    QSplitter *m_splitter;
    QString m_collection;
    QString m_name;
    QJsonObject m_baseline; // the request when last opened, saved or sent
    QPointer<wb::Run> m_run;
    std::optional<wb::ExchangeRecord> m_historyShown; // a history entry shown instead of m_run
    QString m_historyTime;                            // … its time, which names it
    QTimer m_tick;                                    // the elapsed time runs while nothing arrives
    QTimer m_refresh; // at most ~30 view updates a second while bytes stream in
};
