// TextWrap: text with a long unbroken run wraps anywhere, anything else at word boundaries.
#include "textwrap.h"

#include <QPlainTextEdit>
#include <QTest>

class tst_TextWrap : public QObject {
    Q_OBJECT
private slots:
    void modes();
};

void tst_TextWrap::modes()
{
    QPlainTextEdit view;
    TextWrap::setText(&view, QString(TextWrap::kLongestWord + 1, u'x'));
    QCOMPARE(view.wordWrapMode(), QTextOption::WrapAnywhere);
    QCOMPARE(view.toPlainText().size(), TextWrap::kLongestWord + 1);
    // Long, but broken by spaces and newlines: words wrap as usual.
    QString prose;
    while (prose.size() < 10 * TextWrap::kLongestWord)
        prose += QStringLiteral("a few words per line\n");
    TextWrap::setText(&view, prose);
    QCOMPARE(view.wordWrapMode(), QTextOption::WrapAtWordBoundaryOrAnywhere);
    TextWrap::fit(&view, QStringLiteral("{\"k\":\"") + QString(5000, u'v') + QStringLiteral("\"}"));
    QCOMPARE(view.wordWrapMode(), QTextOption::WrapAnywhere);
}

QTEST_MAIN(tst_TextWrap)
#include "tst_textwrap.moc"
