#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

/// Editing a header row: the name offers common request header names as you type, the value
/// common values for that name (Content-Type, Accept, Cache-Control…). Node has no equivalent.
class HeaderCompletionDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit HeaderCompletionDelegate(QObject *parent = nullptr);

    /// Request header names offered, as usually written.
    static const QStringList &names();
    /// Values offered for a header name (any case), or none.
    static QStringList values(const QString &name);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
};
