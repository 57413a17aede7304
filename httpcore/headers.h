#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonObject>
#include <QList>

namespace http {

/// A Node headers object (`message.headers`, `message.trailers`, `getHeaders()`): lower-case
/// names in first-seen order, each with a string value or, for `set-cookie`, a list.
class Headers {
public:
    struct Field {
        QByteArray name; ///< lower case
        QByteArrayList values;
        bool isList = false; ///< an array in Node (`set-cookie`, or an array given to setHeader)
    };

    /// Node's `IncomingMessage._addHeaderLine`: joins duplicates with ", " (`cookie` with "; "),
    /// keeps `set-cookie` as a list, and drops later duplicates of single-valued fields
    /// (`content-type`, `host`, `authorization`…) unless `joinDuplicates` is set.
    void addHeaderLine(QByteArrayView name, const QByteArray &value, bool joinDuplicates = false);
    /// Builds headers from a flat raw list (name, value, name, value…).
    static Headers fromRaw(const QByteArrayList &raw, bool joinDuplicates = false);
    /// Node's `headersDistinct` / `trailersDistinct`: every field a list of all its values, in
    /// the order received, nothing joined or dropped.
    static Headers distinctFromRaw(const QByteArrayList &raw);

    /// Stores a field as given (getHeaders() of an OutgoingMessage).
    void insert(const QByteArray &lowerName, QByteArrayList values, bool isList);

    bool contains(QByteArrayView name) const { return find(name) != nullptr; }
    /// The value as Node's string (lists joined with ", "); empty when absent.
    QByteArray value(QByteArrayView name) const;
    QByteArrayList values(QByteArrayView name) const;
    const QList<Field> &fields() const { return m_fields; }
    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }
    /// Shaped like Node's object: string values, arrays for lists.
    QJsonObject toJson() const;

    const Field *find(QByteArrayView name) const;

private:
    Field *findMutable(QByteArrayView lowerName);
    QList<Field> m_fields;
};

} // namespace http
