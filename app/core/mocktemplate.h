#pragma once

#include <QByteArray>

namespace wb {

class MockRequest;

/// Mock response templates: `{{request.method}}`, `{{request.url}}`, `{{request.path}}`,
/// `{{request.params.NAME}}`, `{{request.query.NAME}}`, `{{request.headers.NAME}}`,
/// `{{request.body}}`, `{{request.body.a.b.0}}`, `{{counter}}`, `{{uuid}}`, `{{now}}`. Unknown
/// or missing names give ""; `{{{{` writes `{{`. Mockoon's and WireMock's templating, simplified.
class MockTemplate {
public:
    /// `text` with every `{{name}}` replaced; `counter` is the route's hit count (from 1).
    static QByteArray render(const QByteArray &text, const MockRequest &request, qint64 counter);
    /// The value of one name ("" when unknown).
    static QByteArray value(const QByteArray &name, const MockRequest &request, qint64 counter);
};

} // namespace wb
