#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace wb {
class Request;
} // namespace wb

/// Saved requests as a tree: collections (folders, nested by "a/b") holding requests.
class SavedRequestsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    /// On a request row: its index in the list given to setRequests(); -1 on folders.
    static constexpr int RequestIndexRole = Qt::UserRole + 1;

    explicit SavedRequestsModel(QObject *parent = nullptr);
    ~SavedRequestsModel() override;

    void setRequests(const QList<wb::Request> &requests);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        QString label;
        QString method;
        int request = -1;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row() const;
    };
    Node *nodeFor(const QModelIndex &index) const;
    Node m_root;
};
