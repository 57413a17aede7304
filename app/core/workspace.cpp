#include "workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace wb {

namespace {

// A name that is safe as a file name everywhere git goes.
QString fileNameFor(const QString &name)
{
    QString safe = name.trimmed();
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]"));
    safe.replace(bad, QStringLiteral("_"));
    return safe.isEmpty() ? QStringLiteral("request") : safe;
}

std::optional<QJsonDocument> readJson(const QString &file, QString *problem)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("%1: cannot read: %2").arg(file, f.errorString());
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *problem =
            QStringLiteral("%1: not a JSON object (%2 at offset %3); left as it is")
                .arg(file, error.error != QJsonParseError::NoError ? error.errorString()
                                                                   : QStringLiteral("wrong shape"))
                .arg(error.offset);
        return std::nullopt;
    }
    return doc;
}

} // namespace

QString Workspace::defaultPath()
{
    const QString env = qEnvironmentVariable("WIREBENCH_WORKSPACE");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/workspace");
}

Workspace::Workspace(const QString &path)
    : m_dir(path)
{
}

QString Workspace::requestFile(const QString &collection, const QString &name) const
{
    QStringList parts{QStringLiteral("requests")};
    for (const QString &part : collection.split(u'/', Qt::SkipEmptyParts))
        parts << fileNameFor(part);
    parts << fileNameFor(name) + QStringLiteral(".json");
    return m_dir.filePath(parts.join(u'/'));
}

bool Workspace::writeJson(const QString &file, const QJsonDocument &doc, QString *error,
                          QJsonDocument::JsonFormat format) const
{
    if (m_unreadable.contains(file)) {
        *error = QStringLiteral(
                     "%1 could not be read when the workspace was loaded; it is not overwritten")
                     .arg(file);
        return false;
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(doc.toJson(format)) < 0 || !out.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

void Workspace::load()
{
    m_requests.clear();
    m_environments.clear();
    m_activeEnvironment.clear();
    m_history.clear();
    m_problems.clear();
    m_unreadable.clear();

    const QString requestsDir = m_dir.filePath(QStringLiteral("requests"));
    QDirIterator it(requestsDir, {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &file : files) {
        QString problem;
        const auto doc = readJson(file, &problem);
        if (!doc) {
            m_problems << problem;
            m_unreadable << file;
            continue;
        }
        const QJsonObject o = doc->object();
        Request r = Request::fromJson(o);
        r.collection = QFileInfo(QDir(requestsDir).relativeFilePath(file)).path();
        if (r.collection == QLatin1String("."))
            r.collection.clear();
        if (r.name.isEmpty())
            r.name = QFileInfo(file).completeBaseName();
        m_requests.append(r);
    }

    const QString envFile = m_dir.filePath(QStringLiteral("environments.json"));
    if (QFile::exists(envFile)) {
        QString problem;
        if (const auto doc = readJson(envFile, &problem)) {
            const QJsonObject o = doc->object();
            m_activeEnvironment = o.value(QStringLiteral("active")).toString();
            const QJsonObject envs = o.value(QStringLiteral("environments")).toObject();
            for (auto e = envs.begin(); e != envs.end(); ++e) {
                QMap<QString, QString> vars;
                const QJsonObject values = e.value().toObject();
                for (auto v = values.begin(); v != values.end(); ++v)
                    vars.insert(v.key(), v.value().toString());
                m_environments.insert(e.key(), vars);
            }
        } else {
            m_problems << problem;
            m_unreadable << envFile;
        }
    }

    const QString historyFile = m_dir.filePath(QStringLiteral("history.json"));
    if (QFile::exists(historyFile)) {
        QString problem;
        if (const auto doc = readJson(historyFile, &problem)) {
            for (const QJsonValue &entry : doc->object().value(QStringLiteral("entries")).toArray())
                m_history.append(entry.toObject());
        } else {
            m_problems << problem;
            m_unreadable << historyFile;
        }
    }
}

QStringList Workspace::collections() const
{
    QStringList out;
    for (const Request &r : m_requests)
        if (!r.collection.isEmpty() && !out.contains(r.collection))
            out.append(r.collection);
    out.sort(Qt::CaseInsensitive);
    return out;
}

QString Workspace::checkRequestName(const QString &collection, const QString &name)
{
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QObject::tr("Give the request a name");
    if (trimmed.contains(u'/') || trimmed.contains(u'\\'))
        return QObject::tr("A name cannot hold / or \\ (a collection makes folders)");
    if (trimmed == QLatin1String(".") || trimmed == QLatin1String(".."))
        return QObject::tr("\"%1\" is not a name").arg(trimmed);
    if (trimmed.contains(control) || collection.contains(control))
        return QObject::tr("Names cannot hold control characters");
    if (collection.contains(u'\\'))
        return QObject::tr("Collections are nested with /, not \\");
    for (const QString &part : collection.split(u'/', Qt::SkipEmptyParts))
        if (part.trimmed() == QLatin1String(".") || part.trimmed() == QLatin1String(".."))
            return QObject::tr("A collection cannot leave the workspace (\"%1\")").arg(part);
    return {};
}

bool Workspace::saveRequest(const Request &r, QString *error)
{
    if (const QString problem = checkRequestName(r.collection, r.name); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const QJsonObject o = r.toJson();
    if (!writeJson(requestFile(r.collection, r.name), QJsonDocument(o), error))
        return false;
    auto same = [&](const Request &s) { return s.collection == r.collection && s.name == r.name; };
    auto existing = std::find_if(m_requests.begin(), m_requests.end(), same);
    if (existing != m_requests.end())
        *existing = r;
    else
        m_requests.append(r);
    return true;
}

bool Workspace::removeRequest(const QString &collection, const QString &name, QString *error)
{
    const QString file = requestFile(collection, name);
    if (QFile::exists(file) && !QFile::remove(file)) {
        *error = QStringLiteral("%1: cannot remove").arg(file);
        return false;
    }
    m_requests.removeIf(
        [&](const Request &s) { return s.collection == collection && s.name == name; });
    return true;
}

bool Workspace::setEnvironments(const QMap<QString, QMap<QString, QString>> &environments,
                                const QString &active, QString *error)
{
    QJsonObject envs;
    for (auto e = environments.cbegin(); e != environments.cend(); ++e) {
        QJsonObject vars;
        for (auto v = e->cbegin(); v != e->cend(); ++v)
            vars.insert(v.key(), v.value());
        envs.insert(e.key(), vars);
    }
    const QJsonObject o{{QStringLiteral("active"), active}, {QStringLiteral("environments"), envs}};
    if (!writeJson(m_dir.filePath(QStringLiteral("environments.json")), QJsonDocument(o), error))
        return false;
    m_environments = environments;
    m_activeEnvironment = active;
    return true;
}

Variables Workspace::variables() const
{
    return Variables(m_environments.value(m_activeEnvironment));
}

bool Workspace::clearHistory(QString *error)
{
    if (!writeHistory({}, error))
        return false;
    m_history.clear();
    return true;
}

QJsonObject Workspace::openTabs() const
{
    QString problem;
    const QString file = m_dir.filePath(QStringLiteral("tabs.json"));
    if (!QFile::exists(file))
        return {};
    const auto doc = readJson(file, &problem);
    return doc ? doc->object() : QJsonObject();
}

bool Workspace::setOpenTabs(const QJsonObject &tabs, QString *error)
{
    return writeJson(m_dir.filePath(QStringLiteral("tabs.json")), QJsonDocument(tabs), error,
                     QJsonDocument::Compact);
}

bool Workspace::appendHistory(const QJsonObject &entry, QString *error)
{
    m_history.append(entry);
    while (m_history.size() > kHistoryLimit)
        m_history.removeFirst();
    return writeHistory(m_history, error);
}

bool Workspace::writeHistory(const QList<QJsonObject> &history, QString *error) const
{
    QJsonArray entries;
    for (const QJsonObject &e : history)
        entries.append(e);
    return writeJson(m_dir.filePath(QStringLiteral("history.json")),
                     QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}}), error,
                     QJsonDocument::Compact);
}

} // namespace wb
