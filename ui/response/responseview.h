#pragma once

#include "exchangerecord.h"

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QWidget>

class EventsModel;
class HeadersModel;
class QCheckBox;
class QComboBox;
class QStackedWidget;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;
class TimingBar;
class WireView;

/// What came back: the status line with time and sizes, then tabs for the body (pretty JSON when
/// it is JSON), the headers as received (or Node's joined object), the trailers, the exact bytes
/// on the wire, and Node's events in order.
class ResponseView : public QWidget {
    Q_OBJECT
public:
    explicit ResponseView(QWidget *parent = nullptr);

    /// Empties every view for a new exchange.
    void clear();
    /// Shows an exchange (running, done, or read back from history) in every view; while a body
    /// streams in, its view is redrawn at most every 250 ms (and once at the end).
    void showRecord(const wb::ExchangeRecord &record);
    /// "200 OK", time and sizes; `failed` shows it as an error.
    void setStatus(const QString &status, const QString &details, bool failed = false);
    /// The line under the status (its space is always kept): an error as Node words it, and
    /// in plain words what it most likely means.
    void setError(const QString &error, const QString &hint);
    /// That line's text ("error — hint").
    QString hintText() const;
    /// Raw header pairs as received, and the same joined by Node's rules.
    void setHeaders(const QByteArrayList &raw, const QByteArrayList &joined);
    void setTrailers(const QByteArrayList &raw);
    /// The body so far; `final` once it is complete (an image is then decoded whole). `total`:
    /// the whole body's size when `body` holds only its start (-1: `body` is all of it).
    void setBody(const QByteArray &body, const QByteArray &contentType, bool final = true,
                 qint64 total = -1);
    /// What the empty body view says ("No body: 204 No Content"); empty: nothing.
    void setEmptyBodyText(const QString &text);
    /// A long transfer: bytes of the body so far, of `total` (-1: unknown), at `bytesPerSecond`.
    /// Hidden again with received < 0.
    void setProgress(qint64 received, qint64 total, double bytesPerSecond);
    /// Images up to this size are decoded whole once complete.
    static constexpr qsizetype kImageLimit = 64 * 1024 * 1024;

    EventsModel *eventsModel() const { return m_events; }
    WireView *wireView() const { return m_wire; }
    HeadersModel *headersModel() const { return m_headers; }
    HeadersModel *trailersModel() const { return m_trailers; }
    TimingBar *timingBar() const { return m_timing; }
    QString statusText() const;
    /// Ctrl+F: finds `text` in the body or wire view shown (from the cursor on, wrapping); false
    /// when it is not there.
    bool find(const QString &text, bool backward = false);

Q_SIGNALS:
    /// "Save…" under the body: the whole body is wanted in a file.
    void saveBodyRequested();

private:
    void showHeaders();
    void showBody();

    QLabel *m_status;
    QLabel *m_details;
    QLabel *m_hint;
    TimingBar *m_timing;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_body;
    QLabel *m_imageView;
    QStackedWidget *m_bodyStack;
    QComboBox *m_bodyView;
    QByteArray m_bodyBytes; // the start of the body: all the views need (a copy, so the
                            // exchange can go on appending without copying the whole body)
    qsizetype m_bodySize = 0;
    QByteArray m_contentType;
    QByteArray m_image; // a complete image body (shared with the exchange, never copied)
    QProgressBar *m_progress;
    QLineEdit *m_find;
    HeadersModel *m_headers;
    HeadersModel *m_trailers;
    EventsModel *m_events;
    WireView *m_wire;
    QCheckBox *m_joined;
    QByteArrayList m_raw;
    QByteArrayList m_joinedHeaders;
    QElapsedTimer m_bodyShownAt; // when the body view was last redrawn
};
