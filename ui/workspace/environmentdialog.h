#pragma once

#include <QDialog>
#include <QMap>

class EditTable;
class HeaderEditModel;
class QListWidget;

/// Edits the workspace's environments: named sets of variables filled in wherever `{{name}}`
/// is written. Node has no equivalent.
class EnvironmentDialog : public QDialog {
    Q_OBJECT
public:
    using Environments = QMap<QString, QMap<QString, QString>>;

    EnvironmentDialog(const Environments &environments, const QString &current,
                      QWidget *parent = nullptr);

    /// The environments as edited (empty variable names dropped).
    Environments environments();
    /// The environment selected in the list ("" when there is none).
    QString current() const;
    /// Adds an environment (a free name is made from `name`) and selects it.
    void addEnvironment(const QString &name);

private:
    void keepTable();
    void showSelected();

    Environments m_environments;
    QString m_shown; // whose variables the table holds
    QListWidget *m_list;
    HeaderEditModel *m_variables;
    EditTable *m_table;
};
