#include "bodyeditor.h"

#include "bodyformat.h"
#include "edittable.h"
#include "headereditmodel.h"
#include "textwrap.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QButtonGroup(this))
    , m_pages(new QStackedWidget(this))
    , m_rawType(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_form(new HeaderEditModel(this, HeaderEditModel::Kind::FormFields))
    , m_multipart(new HeaderEditModel(this, HeaderEditModel::Kind::FormFields))
    , m_file(new QLineEdit(this))
    , m_fileInfo(new QLabel(this))
    , m_prettyProblem(new QLabel(this))
{
    auto *modes = new QHBoxLayout;
    const QStringList labels{tr("&none"), tr("&raw"), tr("&x-www-form-urlencoded"),
                             tr("&multipart/form-data"), tr("&file")};
    for (int mode = 0; mode < labels.size(); ++mode) {
        auto *button = new QRadioButton(labels[mode], this);
        button->setObjectName(QStringLiteral("bodyMode_") +
                              wb::RequestBody::modeName(wb::RequestBody::Mode(mode)));
        m_mode->addButton(button, mode);
        modes->addWidget(button);
    }
    modes->addStretch();
    m_mode->button(0)->setChecked(true);

    auto *none = new QLabel(tr("<i>This request has no body.</i>"), this);
    none->setAlignment(Qt::AlignCenter);

    m_rawType->setObjectName(QStringLiteral("rawType"));
    m_rawType->setEditable(true);
    m_rawType->addItems({QStringLiteral("application/json"), QStringLiteral("application/xml"),
                         QStringLiteral("text/plain"), QStringLiteral("text/html"),
                         QStringLiteral("application/javascript"), QString()});
    m_rawType->setToolTip(tr("Sent as Content-Type unless the Headers tab has one"));
    m_text->setObjectName(QStringLiteral("body"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Request body, sent as UTF-8 with a Content-Length"));
    auto *pretty = new QPushButton(tr("&Pretty"), this);
    pretty->setObjectName(QStringLiteral("prettify"));
    pretty->setToolTip(tr("Re-indent JSON or XML"));
    connect(pretty, &QPushButton::clicked, this, &BodyEditor::prettify);
    auto *raw = new QWidget(this);
    auto *rawLayout = new QVBoxLayout(raw);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    auto *rawBar = new QHBoxLayout;
    rawBar->addWidget(new QLabel(tr("Content-Type:"), raw));
    rawBar->addWidget(m_rawType, 1);
    rawBar->addWidget(pretty);
    rawLayout->addLayout(rawBar);
    rawLayout->addWidget(m_text, 1);
    m_prettyProblem->setObjectName(QStringLiteral("prettyProblem"));
    m_prettyProblem->setStyleSheet(QStringLiteral("color: #e04040"));
    m_prettyProblem->hide();
    rawLayout->addWidget(m_prettyProblem);
    connect(m_text, &QPlainTextEdit::textChanged, m_prettyProblem, &QLabel::hide);

    auto *form = new EditTable(m_form, tr("Add field"), this);
    form->setObjectName(QStringLiteral("formFields"));
    form->view()->hideColumn(HeaderEditModel::File);

    m_multipartTable = new EditTable(m_multipart, tr("Add field"), this);
    m_multipartTable->setObjectName(QStringLiteral("multipartFields"));
    auto *addFile = new QToolButton(this);
    addFile->setText(tr("Add file…"));
    m_multipartTable->buttons()->addWidget(addFile);
    m_multipartTable->buttons()->addStretch();
    connect(addFile, &QToolButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Files to send"));
        QList<wb::RequestBody::Field> fields = m_multipart->fields();
        for (const QString &path : paths)
            fields.append({true, QFileInfo(path).completeBaseName(), path, true});
        m_multipart->setFields(fields);
        emit changed();
    });

    m_file->setObjectName(QStringLiteral("bodyFile"));
    m_file->setPlaceholderText(tr("Path of the file to send as the body"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("File to send"), m_file->text());
        if (!path.isEmpty())
            m_file->setText(path);
    });
    m_fileInfo->setObjectName(QStringLiteral("bodyFileInfo"));
    auto *file = new QWidget(this);
    auto *fileLayout = new QVBoxLayout(file);
    auto *fileBar = new QHBoxLayout;
    fileBar->addWidget(m_file, 1);
    fileBar->addWidget(browse);
    fileLayout->addLayout(fileBar);
    fileLayout->addWidget(m_fileInfo);
    fileLayout->addStretch();

    m_pages->addWidget(none);
    m_pages->addWidget(raw);
    m_pages->addWidget(form);
    m_pages->addWidget(m_multipartTable);
    m_pages->addWidget(file);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modes);
    layout->addWidget(m_pages, 1);

    connect(m_mode, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on) {
            showMode();
            emit changed();
        }
    });
    connect(m_rawType, &QComboBox::currentTextChanged, this, &BodyEditor::changed);
    connect(m_text, &QPlainTextEdit::textChanged, this, &BodyEditor::changed);
    // Pasting a long minified document switches the editor to wrapping anywhere (see TextWrap).
    connect(m_text->document(), &QTextDocument::contentsChange, this, [this](int, int, int added) {
        if (added > TextWrap::kLongestWord)
            TextWrap::fit(m_text, m_text->toPlainText());
    });
    connect(m_file, &QLineEdit::textChanged, this, [this] {
        describeFile();
        emit changed();
    });
    for (HeaderEditModel *model : {m_form, m_multipart}) {
        connect(model, &QAbstractItemModel::dataChanged, this, &BodyEditor::changed);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &BodyEditor::changed);
    }
    showMode();
}

wb::RequestBody BodyEditor::body() const
{
    wb::RequestBody b;
    b.mode = wb::RequestBody::Mode(m_mode->checkedId());
    b.rawType = m_rawType->currentText().trimmed();
    b.text = m_text->toPlainText();
    b.fields =
        b.mode == wb::RequestBody::Mode::Multipart ? m_multipart->fields() : m_form->fields();
    if (b.mode == wb::RequestBody::Mode::Form)
        for (wb::RequestBody::Field &f : b.fields)
            f.isFile = false;
    b.filePath = m_file->text().trimmed();
    return b;
}

void BodyEditor::setBody(const wb::RequestBody &b)
{
    if (b.mode != wb::RequestBody::Mode::None) // with no body, raw keeps the type it offers
        m_rawType->setCurrentText(b.rawType);
    TextWrap::setText(m_text, b.text);
    m_form->setFields(b.mode == wb::RequestBody::Mode::Form ? b.fields
                                                            : QList<wb::RequestBody::Field>{});
    m_multipart->setFields(
        b.mode == wb::RequestBody::Mode::Multipart ? b.fields : QList<wb::RequestBody::Field>{});
    m_file->setText(b.filePath);
    m_mode->button(int(b.mode))->setChecked(true);
    showMode();
}

bool BodyEditor::prettify()
{
    const QByteArray text = m_text->toPlainText().toUtf8();
    QByteArray type = m_rawType->currentText().toLatin1();
    if (!type.contains("json") && !type.contains("xml"))
        type = text.trimmed().startsWith('<') ? "xml" : "json";
    qsizetype offset = 0;
    if (const QString where = BodyFormat::syntaxError(text, type, &offset); !where.isEmpty()) {
        m_prettyProblem->setText(
            tr("Not valid %1 at %2")
                .arg(type.contains("xml") ? QStringLiteral("XML") : QStringLiteral("JSON"), where));
        m_prettyProblem->show();
        QTextCursor cursor = m_text->textCursor();
        cursor.setPosition(int(qMin<qsizetype>(offset, m_text->document()->characterCount() - 1)));
        m_text->setTextCursor(cursor);
        m_text->setFocus();
        return false;
    }
    const QString pretty = BodyFormat::pretty(text, type);
    if (pretty == QString::fromUtf8(text))
        return false;
    TextWrap::setText(m_text, pretty.trimmed());
    return true;
}

QString BodyEditor::prettyProblem() const
{
    return m_prettyProblem->isHidden() ? QString() : m_prettyProblem->text();
}

void BodyEditor::showMode()
{
    m_pages->setCurrentIndex(m_mode->checkedId());
}

void BodyEditor::describeFile()
{
    const QFileInfo info(m_file->text().trimmed());
    if (m_file->text().trimmed().isEmpty())
        m_fileInfo->clear();
    else if (!info.isFile() || !info.isReadable())
        m_fileInfo->setText(tr("<span style='color:#e04040'>No readable file here</span>"));
    else
        m_fileInfo->setText(tr("%1 bytes, sent as %2")
                                .arg(info.size())
                                .arg(QMimeDatabase().mimeTypeForFile(info).name()));
}
