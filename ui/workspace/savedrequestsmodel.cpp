#include "savedrequestsmodel.h"

#include "workspace.h"

#include <QFont>

int SavedRequestsModel::Node::row() const
{
    if (!parent)
        return 0;
    for (size_t i = 0; i < parent->children.size(); ++i)
        if (parent->children[i].get() == this)
            return int(i);
    return 0;
}

SavedRequestsModel::SavedRequestsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

SavedRequestsModel::~SavedRequestsModel() = default;

void SavedRequestsModel::setRequests(const QList<wb::Request> &requests)
{
    beginResetModel();
    m_root.children.clear();
    auto folder = [](Node *in, const QString &label) {
        for (auto &child : in->children)
            if (child->request < 0 && child->label == label)
                return child.get();
        auto node = std::make_unique<Node>();
        node->label = label;
        node->parent = in;
        in->children.push_back(std::move(node));
        return in->children.back().get();
    };
    for (int i = 0; i < requests.size(); ++i) {
        Node *at = &m_root;
        for (const QString &part : requests[i].collection.split(u'/', Qt::SkipEmptyParts))
            at = folder(at, part);
        auto leaf = std::make_unique<Node>();
        leaf->label = requests[i].displayName();
        leaf->method = QString::fromLatin1(requests[i].method);
        leaf->request = i;
        leaf->parent = at;
        at->children.push_back(std::move(leaf));
    }
    endResetModel();
}

SavedRequestsModel::Node *SavedRequestsModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer())
                           : const_cast<Node *>(&m_root);
}

QModelIndex SavedRequestsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children[size_t(row)].get());
}

QModelIndex SavedRequestsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *up = nodeFor(child)->parent;
    if (!up || up == &m_root)
        return {};
    return createIndex(up->row(), 0, up);
}

int SavedRequestsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int SavedRequestsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant SavedRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return node->request < 0 ? node->label : node->method + u' ' + node->label;
    case Qt::FontRole:
        if (node->request < 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case RequestIndexRole:
        return node->request;
    default:
        return {};
    }
}
