#include "textwrap.h"

#include <QPlainTextEdit>

void TextWrap::fit(QPlainTextEdit *view, const QString &text)
{
    bool longRun = false;
    int run = 0;
    for (const QChar c : text) {
        run = c.isSpace() ? 0 : run + 1;
        if (run > kLongestWord) {
            longRun = true;
            break;
        }
    }
    const QTextOption::WrapMode mode =
        longRun ? QTextOption::WrapAnywhere : QTextOption::WrapAtWordBoundaryOrAnywhere;
    if (view->wordWrapMode() != mode)
        view->setWordWrapMode(mode);
}

void TextWrap::setText(QPlainTextEdit *view, const QString &text)
{
    fit(view, text);
    view->setPlainText(text);
}
