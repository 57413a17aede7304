#pragma once

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

/// Save request: a name and the collection (folder) it goes in, checked as typed (a name that
/// would make a folder or leave the workspace is refused with the reason). Node has no
/// equivalent.
class SaveRequestDialog : public QDialog {
    Q_OBJECT
public:
    /// What is wrong with a collection and name ("" when they are fine).
    using Check = std::function<QString(const QString &collection, const QString &name)>;

    SaveRequestDialog(const QStringList &collections, const QString &collection,
                      const QString &name, Check check, QWidget *parent = nullptr);

    QString collection() const;
    QString name() const;
    /// A clean name for a request: its method and path words ("GET users id" for
    /// GET {{base}}/users/{{id}}), or the host when the path is empty.
    static QString suggestName(const QByteArray &method, const QString &url);

private:
    void validate();

    QComboBox *m_collection;
    QLineEdit *m_name;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    Check m_check;
};
