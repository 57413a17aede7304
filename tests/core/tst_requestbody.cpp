// RequestBody: each body mode's bytes and Content-Type, read back by a real peer (Node's own
// form-data and URL-encoded parsers), variables filled in everywhere but inside files.
#include "requestbody.h"
#include "variables.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class tst_RequestBody : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    /// What Node makes of a body: [[name, value or {name, type, hex}], …].
    QJsonArray nodeReads(const RequestBody::Encoded &body);
private slots:
    void none();
    void rawKeepsTextAndType();
    void formEncoding();
    void multipartAsNodeReadsIt();
    void fileIsSentAsItIs();
    void unreadableFileIsAClearError();
    void jsonRoundTrip();
};

namespace {
const Variables kVars({{QStringLiteral("who"), QStringLiteral("tester")}});
}

QJsonArray tst_RequestBody::nodeReads(const RequestBody::Encoded &body)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        qFatal("node is needed (scripts/dev.sh test installs it)");
    const QString file = m_dir.filePath(QStringLiteral("body"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(body.bytes) != body.bytes.size())
        qFatal("cannot write %s", qPrintable(file));
    out.close();
    // undici's Response.formData() reads both multipart/form-data and urlencoded bodies.
    const char *script = R"(
        const fs = require('fs');
        const [type, file] = process.argv.slice(1);
        new Response(fs.readFileSync(file), {headers: {'content-type': type}}).formData()
          .then(async (fd) => {
            const out = [];
            for (const [k, v] of fd)
              out.push(typeof v === 'string' ? [k, v] : [k, {name: v.name, type: v.type,
                hex: Buffer.from(await v.arrayBuffer()).toString('hex')}]);
            console.log(JSON.stringify(out));
          }, (e) => { console.log(JSON.stringify(String(e))); });
    )";
    QProcess p;
    p.start(node, {QStringLiteral("-e"), QString::fromLatin1(script),
                   QString::fromLatin1(body.contentType), file});
    if (!p.waitForFinished(20000))
        qFatal("node did not finish");
    const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput());
    if (!doc.isArray())
        qWarning("node said: %s", doc.toJson().constData());
    return doc.array();
}

void tst_RequestBody::none()
{
    const RequestBody::Encoded e = RequestBody().encode(kVars);
    QVERIFY(e.bytes.isEmpty());
    QVERIFY(e.contentType.isEmpty());
    QVERIFY(e.error.isEmpty());
}

void tst_RequestBody::rawKeepsTextAndType()
{
    RequestBody b;
    b.mode = RequestBody::Mode::Raw;
    b.rawType = QStringLiteral("application/json");
    b.text = QStringLiteral("{\"user\": \"{{who}}\", \"é\": 1}");
    const RequestBody::Encoded e = b.encode(kVars);
    QCOMPARE(e.bytes, QByteArray("{\"user\": \"tester\", \"\xc3\xa9\": 1}"));
    QCOMPARE(e.contentType, QByteArray("application/json"));
}

void tst_RequestBody::formEncoding()
{
    RequestBody b;
    b.mode = RequestBody::Mode::Form;
    b.fields = {{true, QStringLiteral("a b"), QStringLiteral("1&2=3"), false},
                {false, QStringLiteral("skipped"), QStringLiteral("x"), false},
                {true, QStringLiteral("é"), QStringLiteral("{{who}} +"), false}};
    const RequestBody::Encoded e = b.encode(kVars);
    QCOMPARE(e.bytes, QByteArray("a+b=1%262%3D3&%C3%A9=tester+%2B"));
    QCOMPARE(e.contentType, QByteArray("application/x-www-form-urlencoded"));
    const QJsonArray read = nodeReads(e);
    QCOMPARE(read, (QJsonArray{QJsonArray{QStringLiteral("a b"), QStringLiteral("1&2=3")},
                               QJsonArray{QStringLiteral("é"), QStringLiteral("tester +")}}));
}

void tst_RequestBody::multipartAsNodeReadsIt()
{
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(i);
    binary += "{{who}}\r\n--"; // a file's bytes are never substituted
    const QString path = m_dir.filePath(QStringLiteral("data.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(binary);
    file.close();
    const QString png = m_dir.filePath(QStringLiteral("dot.png"));
    QFile image(png);
    QVERIFY(image.open(QIODevice::WriteOnly));
    image.write(
        QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                               "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
    image.close();

    RequestBody b;
    b.mode = RequestBody::Mode::Multipart;
    b.fields = {{true, QStringLiteral("name"), QStringLiteral("Ada {{who}}"), false},
                {true, QStringLiteral("say \"hi\""), QStringLiteral("line 1\r\nline 2"), false},
                {false, QStringLiteral("off"), QStringLiteral("x"), false},
                {true, QStringLiteral("blob"), path, true},
                {true, QStringLiteral("avatar"), png, true}};
    const RequestBody::Encoded e = b.encode(kVars);
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    QVERIFY(e.contentType.startsWith("multipart/form-data; boundary=----WirebenchFormBoundary"));
    const QJsonArray read = nodeReads(e);
    QCOMPARE(read.size(), 4);
    QCOMPARE(read[0], (QJsonArray{QStringLiteral("name"), QStringLiteral("Ada tester")}));
    QCOMPARE(read[1],
             (QJsonArray{QStringLiteral("say \"hi\""), QStringLiteral("line 1\r\nline 2")}));
    const QJsonObject blob = read[2].toArray()[1].toObject();
    QCOMPARE(blob.value(QStringLiteral("name")).toString(), QStringLiteral("data.bin"));
    QCOMPARE(blob.value(QStringLiteral("type")).toString(),
             QStringLiteral("application/octet-stream"));
    QCOMPARE(blob.value(QStringLiteral("hex")).toString().toLatin1(), binary.toHex());
    const QJsonObject avatar = read[3].toArray()[1].toObject();
    QCOMPARE(avatar.value(QStringLiteral("type")).toString(), QStringLiteral("image/png"));

    // A fixed boundary gives the exact bytes (RFC 7578's shape, as curl -F writes them).
    b.fields = {b.fields[0]};
    QCOMPARE(b.encode(kVars, "XyZ").bytes,
             QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                        "Ada tester\r\n--XyZ--\r\n"));
}

void tst_RequestBody::fileIsSentAsItIs()
{
    const QString path = m_dir.filePath(QStringLiteral("{{who}}.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"a\": \"{{who}}\"}\n");
    file.close();
    RequestBody b;
    b.mode = RequestBody::Mode::File;
    b.filePath = m_dir.filePath(QStringLiteral("{{who}}.json")); // not in kVars' names: kept
    const RequestBody::Encoded e = b.encode(Variables());
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    QCOMPARE(e.bytes, QByteArray("{\"a\": \"{{who}}\"}\n"));
    QCOMPARE(e.contentType, QByteArray("application/json"));
}

void tst_RequestBody::unreadableFileIsAClearError()
{
    RequestBody b;
    b.mode = RequestBody::Mode::File;
    b.filePath = m_dir.filePath(QStringLiteral("missing.bin"));
    const RequestBody::Encoded e = b.encode(kVars);
    QVERIFY(e.bytes.isEmpty());
    QVERIFY2(e.error.startsWith(b.filePath + QStringLiteral(": cannot read: ")),
             qPrintable(e.error));
    b.mode = RequestBody::Mode::Multipart;
    b.fields = {{true, QStringLiteral("f"), b.filePath, true}};
    QVERIFY(b.encode(kVars).error.startsWith(b.filePath));
    b.filePath.clear();
    b.mode = RequestBody::Mode::File;
    QCOMPARE(b.encode(kVars).error, QStringLiteral("no file chosen"));
}

void tst_RequestBody::jsonRoundTrip()
{
    RequestBody b;
    b.mode = RequestBody::Mode::Multipart;
    b.fields = {{true, QStringLiteral("n"), QStringLiteral("v"), false},
                {false, QStringLiteral("f"), QStringLiteral("/tmp/x"), true}};
    QCOMPARE(RequestBody::fromJson(b.toJson()), b);
    b = {};
    b.mode = RequestBody::Mode::Raw;
    b.rawType = QStringLiteral("text/plain");
    b.text = QStringLiteral("hi");
    QCOMPARE(RequestBody::fromJson(b.toJson()), b);
    b = {};
    b.mode = RequestBody::Mode::File;
    b.filePath = QStringLiteral("/x");
    QCOMPARE(RequestBody::fromJson(b.toJson()), b);
}

QTEST_GUILESS_MAIN(tst_RequestBody)
#include "tst_requestbody.moc"
