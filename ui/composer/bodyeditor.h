#pragma once

#include "requestbody.h"

#include <QWidget>

class EditTable;
class HeaderEditModel;
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

/// The Body tab: none, raw text with a content type (JSON and XML pretty-printed on request),
/// an x-www-form-urlencoded table, a multipart table with files, or a file sent as it is.
class BodyEditor : public QWidget {
    Q_OBJECT
public:
    explicit BodyEditor(QWidget *parent = nullptr);

    wb::RequestBody body() const;
    void setBody(const wb::RequestBody &body);
    /// Raw mode: re-indents JSON or XML text; when it does not parse, says where (and puts the
    /// cursor there) and returns false.
    bool prettify();
    /// What Pretty said last ("" after a success or an edit).
    QString prettyProblem() const;

Q_SIGNALS:
    /// Anything in the body changed (mode, text, a field, the file).
    void changed();

private:
    void showMode();
    void describeFile();

    QButtonGroup *m_mode;
    QStackedWidget *m_pages;
    QComboBox *m_rawType;
    QPlainTextEdit *m_text;
    HeaderEditModel *m_form;
    HeaderEditModel *m_multipart;
    EditTable *m_multipartTable;
    QLineEdit *m_file;
    QLabel *m_fileInfo;
    QLabel *m_prettyProblem;
};
