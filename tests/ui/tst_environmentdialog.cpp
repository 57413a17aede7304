// EnvironmentDialog: environments added and switched, variables edited in the table and kept.
#include "environmentdialog.h"
#include "headereditmodel.h"

#include <QListWidget>
#include <QTableView>
#include <QTest>

class tst_EnvironmentDialog : public QObject {
    Q_OBJECT
private slots:
    void editAndSwitch();
};

void tst_EnvironmentDialog::editAndSwitch()
{
    EnvironmentDialog dialog(
        {{QStringLiteral("local"), {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1")}}},
         {QStringLiteral("prod"), {}}},
        QStringLiteral("prod"));
    QCOMPARE(dialog.current(), QStringLiteral("prod"));
    auto *table = dialog.findChild<QTableView *>(QStringLiteral("variables"));
    auto *model = qobject_cast<HeaderEditModel *>(table->model());
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Variable"));

    model->appendRow();
    QVERIFY(model->setData(model->index(0, 0), QStringLiteral("token")));
    QVERIFY(model->setData(model->index(0, 1), QStringLiteral("s3cr3t é")));
    model->appendRow(); // an empty row is dropped

    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("environmentList"));
    list->setCurrentRow(0);
    QCOMPARE(dialog.current(), QStringLiteral("local"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("http://127.0.0.1"));

    dialog.addEnvironment(QStringLiteral("local")); // the name is taken: "local 2"
    QCOMPARE(dialog.current(), QStringLiteral("local 2"));
    QCOMPARE(model->rowCount(), 0);

    const EnvironmentDialog::Environments edited = dialog.environments();
    QCOMPARE(edited.keys(), (QStringList{QStringLiteral("local"), QStringLiteral("local 2"),
                                         QStringLiteral("prod")}));
    QCOMPARE(edited.value(QStringLiteral("prod")),
             (QMap<QString, QString>{{QStringLiteral("token"), QStringLiteral("s3cr3t é")}}));
    QCOMPARE(edited.value(QStringLiteral("local")).value(QStringLiteral("base")),
             QStringLiteral("http://127.0.0.1"));
}

QTEST_MAIN(tst_EnvironmentDialog)
#include "tst_environmentdialog.moc"
