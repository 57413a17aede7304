#pragma once

#include <QWidget>

class HeaderEditModel;
class QHBoxLayout;
class QTableView;

/// A table of name/value rows being edited (headers, parameters, form fields, variables) with
/// Add and Remove buttons under it; Delete removes the current row.
class EditTable : public QWidget {
    Q_OBJECT
public:
    EditTable(HeaderEditModel *model, const QString &addText, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    HeaderEditModel *model() const { return m_model; }
    /// The row of buttons, for a caller's own (after Add and Remove).
    QHBoxLayout *buttons() const { return m_buttons; }
    /// Adds an empty row and starts editing its name.
    void addRow();

private:
    HeaderEditModel *m_model;
    QTableView *m_view;
    QHBoxLayout *m_buttons;
};
