#pragma once

#include <QByteArray>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include "request.h"
#include "variables.h"

namespace wb {

/// The user's workspace: a folder of readable, pretty-printed JSON files meant for git —
/// requests/<collection>/<name>.json, environments.json and history.json. Writes are atomic;
/// a file that fails to load is reported with its name and reason and never overwritten.
class Workspace {
public:
    /// `$WIREBENCH_WORKSPACE`, else the application data folder's "workspace".
    static QString defaultPath();

    explicit Workspace(const QString &path);

    QString path() const { return m_dir.absolutePath(); }
    /// Reads everything; problems() lists what could not be read.
    void load();
    const QStringList &problems() const { return m_problems; }

    const QList<Request> &requests() const { return m_requests; }
    /// What is wrong with saving a request as `collection`/`name` ("" when nothing): an empty
    /// name, one that would make a folder, or parts that would leave requests/ ("..").
    static QString checkRequestName(const QString &collection, const QString &name);
    /// The collections that hold saved requests, sorted.
    QStringList collections() const;
    /// Saves (or replaces) a request; false and `error` when the name is refused (see
    /// checkRequestName) or the file cannot be written.
    bool saveRequest(const Request &request, QString *error);
    bool removeRequest(const QString &collection, const QString &name, QString *error);

    /// Environments: name → variables; `{{variable}}` is replaced in URL, headers and body.
    const QMap<QString, QMap<QString, QString>> &environments() const { return m_environments; }
    QString activeEnvironment() const { return m_activeEnvironment; }
    bool setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                         const QString &active, QString *error);
    /// The active environment's variables (none when no environment is active).
    Variables variables() const;

    /// Recent exchanges (newest last), each a JSON object; at most `kHistoryLimit` are kept.
    static constexpr int kHistoryLimit = 200;
    const QList<QJsonObject> &history() const { return m_history; }
    bool appendHistory(const QJsonObject &entry, QString *error);
    bool clearHistory(QString *error);

    /// The app's open request tabs as last written (tabs.json; app state, not meant for git).
    QJsonObject openTabs() const;
    bool setOpenTabs(const QJsonObject &tabs, QString *error);

private:
    QString requestFile(const QString &collection, const QString &name) const;
    /// Requests and environments are indented for people and git; history is compact (it is
    /// rewritten after every exchange).
    bool writeJson(const QString &file, const QJsonDocument &doc, QString *error,
                   QJsonDocument::JsonFormat format = QJsonDocument::Indented) const;
    bool writeHistory(const QList<QJsonObject> &history, QString *error) const;

    QDir m_dir;
    QList<Request> m_requests;
    QMap<QString, QMap<QString, QString>> m_environments;
    QString m_activeEnvironment;
    QList<QJsonObject> m_history;
    QStringList m_problems;
    QStringList m_unreadable; // files that failed to load: never written over
};

} // namespace wb
