#pragma once

#include "mockfile.h"

#include <QAbstractTableModel>

/// One mock server's routes, in the order they are tried: switched on or off, method, path and
/// what each answers; a route an earlier one hides is marked with a warning. Edits (on/off,
/// order, a route replaced) come out as routesEdited().
class MockRoutesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { On, Method, Path, Answer, ColumnCount };

    explicit MockRoutesModel(QObject *parent = nullptr);

    void setRoutes(const QList<wb::MockRoute> &routes);
    const QList<wb::MockRoute> &routes() const { return m_routes; }
    /// Replaces route `row` (from the editor).
    void replace(int row, const wb::MockRoute &route);
    /// Inserts a route at `row` (the end when out of range); its row.
    int insert(int row, const wb::MockRoute &route);
    void remove(int row);
    /// Moves route `row` up (-1) or down (+1): first match wins, so order matters.
    void move(int row, int by);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    /// Routes are dragged to another place in the list (first match wins).
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    /// Moves the dragged route itself, so the view has nothing to remove afterwards.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void routesEdited();

private:
    QList<wb::MockRoute> m_routes;
};
