// The main window, driven as a user would: the demo request is ready, Send shows the answer,
// its headers in received order, the exact bytes and Node's events; bad input is refused.
#include "agent.h"
#include "bodyeditor.h"
#include "composerwidget.h"
#include "eventsmodel.h"
#include "exchange.h"
#include "headersmodel.h"
#include "historymodel.h"
#include "incomingmessage.h"
#include "mainwindow.h"
#include "mockhost.h"
#include "mocklogdock.h"
#include "mocklogmodel.h"
#include "mockroutesmodel.h"
#include "mockserversdock.h"
#include "pooldock.h"
#include "poollanesview.h"
#include "poolmodel.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "saverequestdialog.h"
#include "server.h"
#include "serverresponse.h"
#include "session.h"
#include "theme.h"
#include "timingbar.h"
#include "workspace.h"
#include "workspacedock.h"

using namespace wb;

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>
#include <QTreeView>

class tst_MainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_workspace;
private slots:
    void initTestCase();
    void init();
    void savedRequestsAndHistorySurviveARestart();
    void environmentVariablesAreFilledIn();
    void historyExportsAsHar();
    void authTabAddsAuthorization();
    void queryParametersFollowTheUrl();
    void bodyViews();
    void redirectsAreFollowedAndKept();
    void largeStreamedBody();
    void demoRequestIsReady();
    void sendShowsEverything();
    void streamedChunksAndTrailers();
    void invalidHeaderIsRefused();
    void connectionRefusedIsShown();
    void curlImportAndExport();
    void optionsReachTheRequest();
    void greyedHeadersAreWhatIsSent();
    void multipartReachesTheServer();
    void copiedCurlSendsTheSameBody();
    void unreadableBodyFileIsRefused();
    void progressAndLargeImages();
    void themes();
    void deleteRequestAndSaveBody();
    void findInTheResponse();
    void fileBodyIsStreamed();
    void hostNamesAreReached();
    void responseBrokenAfterItsHeadEnds();
    void httpsToAPlainPortSaysWhatToDo();
    void historyBringsBackItsResponse();
    void poolDockLightsTheSocketOfTheResponseShown();
    void openingAnEntryWhileARequestRunsKeepsIt();
    void openingARequestClearsTheOldResponse();
    void saveDialogProposesACleanName();
    void unsavedChangesAreMarkedAndAsked();
    void curlPastedIntoTheUrl();
    void waitingTimeRuns();
    void messagesKeepTheirSpace();
    void prettySaysWhereJsonIsInvalid();
    void emptyBodySaysSo();
    void interimFloodIsCounted();
    void sendingASavedRequestKeepsItsMark();
    void keysReachTheWindowFromTheUrl();
    void tabsAndTheirChangesComeBack();
    void twoTabsSendAtOnceThroughOneAgent();
    void tabKeys();
    void mockPanelServesLogsAndEditsLive();
    void mockPanelRecordsAProxiedApi();
    void mockFileChangedOnDiskIsOfferedForReload();
};

namespace {

// Fills the composer as a user would, keeping its auth and options.
void setRequest(ComposerWidget *c, const QByteArray &method, const QString &url,
                const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body = {})
{
    Request r = c->request();
    r.method = method;
    r.url = url;
    r.headers.clear();
    for (const auto &[name, value] : headers)
        r.headers.append({name, value});
    r.body = {};
    if (!body.isEmpty()) {
        r.body.mode = RequestBody::Mode::Raw;
        r.body.text = QString::fromUtf8(body);
    }
    c->setRequest(r);
}

void setBody(ComposerWidget *c, const RequestBody &body)
{
    Request r = c->request();
    r.body = body;
    c->setRequest(r);
}

void setOptions(ComposerWidget *c, bool keepAlive, int timeoutMs, bool insecure,
                int followRedirects = 0)
{
    Request r = c->request();
    r.keepAlive = keepAlive;
    r.timeoutMs = timeoutMs;
    r.insecure = insecure;
    r.followRedirects = followRedirects;
    c->setRequest(r);
}

void setAuth(ComposerWidget *c, const RequestAuth &auth)
{
    Request r = c->request();
    r.auth = auth;
    c->setRequest(r);
}

// The query parameters the Params tab holds, checked ones only.
QList<QPair<QByteArray, QByteArray>> paramsOf(ComposerWidget *c)
{
    return static_cast<HeaderEditModel *>(
               c->findChild<QTableView *>(QStringLiteral("params"))->model())
        ->enabledHeaders();
}

// What the current tab would send now.
Request::Prepared sent(MainWindow &window)
{
    return window.currentTab()->request().prepare(window.currentTab()->composer()->variables());
}

// A local server that keeps the last request's raw headers and body.
struct Recorder {
    http::Server server;
    QByteArrayList rawHeaders;
    QByteArray body;
    /// The value of a header of the last request ("" when it had none).
    QByteArray header(const char *name) const
    {
        const qsizetype at = rawHeaders.indexOf(name);
        return at < 0 || at % 2 ? QByteArray() : rawHeaders.value(at + 1);
    }
    bool done = false;
    QByteArray answerType = "text/plain";
    QByteArray answer = "ok";

    explicit Recorder(QObject *context)
    {
        QObject::connect(&server, &http::Server::requestReceived, context,
                         [this](http::IncomingMessage *req, http::ServerResponse *res) {
                             rawHeaders = req->rawHeaders();
                             body.clear();
                             done = false;
                             QObject::connect(req, &http::IncomingMessage::dataReceived, res,
                                              [this](const QByteArray &c) { body += c; });
                             QObject::connect(req, &http::IncomingMessage::ended, res, [this, res] {
                                 done = true;
                                 res->setHeader("Content-Type", answerType);
                                 res->end(answer);
                             });
                         });
        if (server.listen(0, QStringLiteral("127.0.0.1")))
            qFatal("cannot listen");
    }
    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(path);
    }
};

// Writes `bytes` to `name` in `dir` and gives its path.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

RequestBody formBody()
{
    RequestBody b;
    b.mode = RequestBody::Mode::Form;
    b.fields = {{true, QStringLiteral("q"), QStringLiteral("a b"), false},
                {false, QStringLiteral("off"), QStringLiteral("1"), false}};
    return b;
}

// name, value, name, value… of what the headers table shows: the user's rows and the greyed.
QByteArrayList shownHeaders(QAbstractItemModel *model)
{
    QByteArrayList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, 0).data().toString().toLatin1()
            << model->index(row, 1).data().toString().toLatin1();
    return out;
}

// Answers the next message box with `button`, as a user would click it; `asked` tells whether
// one came.
void answerNextMessageBox(QMessageBox::StandardButton button, bool *asked = nullptr)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (asked)
            *asked = true;
        box->button(button)->click();
        timer->deleteLater();
    });
    timer->start();
}

// A peer that answers every request head with `reply` and keeps the connection open.
struct RawPeer {
    QTcpServer server;
    explicit RawPeer(QByteArray reply)
    {
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, reply] {
            while (QTcpSocket *c = server.nextPendingConnection())
                QObject::connect(c, &QTcpSocket::readyRead, c, [c, reply] {
                    if (c->readAll().contains("\r\n\r\n"))
                        c->write(reply);
                });
        });
        server.listen(QHostAddress::LocalHost);
    }
};

QString tabText(MainWindow &window, const char *tabs, int index)
{
    QList<QTabWidget *> all = window.findChildren<QTabWidget *>();
    for (QTabWidget *t : all)
        if (t->objectName() == QLatin1String(tabs) ||
            (QByteArray(tabs).isEmpty() && t->objectName().isEmpty()))
            return t->tabText(index);
    return {};
}

} // namespace

void tst_MainWindow::greyedHeadersAreWhatIsSent()
{
    // What the table shows (the user's rows, then the greyed ones) is, in order, what the server
    // reads: Node's ClientRequest adds Host, Connection and the length exactly as predicted.
    Recorder recorder(this);
    QTemporaryDir files;
    const QString file = writeFile(files, QStringLiteral("upload.json"), "{\"from\": \"file\"}");

    struct Case {
        const char *name;
        QByteArray method;
        QList<QPair<QByteArray, QByteArray>> headers;
        RequestBody body;
        bool keepAlive = true;
        bool basicAuth = false;
    };
    RequestBody json;
    json.mode = RequestBody::Mode::Raw;
    json.rawType = QStringLiteral("application/json");
    json.text = QStringLiteral("{\"a\": 1}");
    RequestBody form;
    form.mode = RequestBody::Mode::Form;
    form.fields = {{true, QStringLiteral("q"), QStringLiteral("a b"), false}};
    RequestBody fromFile;
    fromFile.mode = RequestBody::Mode::File;
    fromFile.filePath = file;
    const QList<Case> cases{
        {"GET, no body", "GET", {{"Accept", "*/*"}}, {}},
        {"POST JSON, agent: false", "POST", {{"X-A", "1"}}, json, false},
        {"POST, empty", "POST", {}, {}},
        {"DELETE with a form body", "DELETE", {}, form},
        {"PUT a file with basic auth", "PUT", {}, fromFile, true, true},
        {"own Host and chunking",
         "PATCH",
         {{"Host", "example.test"}, {"Transfer-Encoding", "chunked"}},
         json},
    };
    for (const Case &c : cases) {
        MainWindow window;
        window.show();
        auto *composer = window.findChild<ComposerWidget *>();
        setRequest(composer, c.method, recorder.url("/x"), c.headers);
        setBody(composer, c.body);
        setOptions(composer, c.keepAlive, 0, false);
        if (c.basicAuth)
            setAuth(composer,
                    {RequestAuth::Type::Basic, QStringLiteral("ada"), QStringLiteral("pw"), {}});
        auto *table = window.findChild<QTableView *>(QStringLiteral("headers"));
        QTRY_VERIFY(table->model()->rowCount() > c.headers.size());
        QTest::qWait(150); // the greyed rows follow the last change after 100 ms
        const QByteArrayList predicted = shownHeaders(table->model());
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("composerTabs"));
        QCOMPARE(tabs->tabText(1), c.headers.isEmpty()
                                       ? QStringLiteral("Headers")
                                       : QStringLiteral("Headers (%1)").arg(c.headers.size()));
        QCOMPARE(tabs->tabText(2),
                 c.body.mode == RequestBody::Mode::None
                     ? QStringLiteral("Body")
                     : QStringLiteral("Body (%1)").arg(RequestBody::modeName(c.body.mode)));
        window.currentTab()->send();
        QTRY_COMPARE(window.findChild<QPushButton *>(QStringLiteral("send"))->text(),
                     QStringLiteral("Send"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
        QVERIFY(recorder.done);
        QVERIFY2(
            predicted == recorder.rawHeaders,
            qPrintable(QStringLiteral("%1: shown %2, sent %3")
                           .arg(QLatin1String(c.name), QString::fromLatin1(predicted.join('|')),
                                QString::fromLatin1(recorder.rawHeaders.join('|')))));
    }
}

void tst_MainWindow::multipartReachesTheServer()
{
    Recorder recorder(this);
    QTemporaryDir files;
    const QString path = writeFile(files, QStringLiteral("notes.txt"), "file bytes\n");
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    setRequest(composer, "POST", recorder.url("/upload"), {});
    RequestBody body;
    body.mode = RequestBody::Mode::Multipart;
    body.fields = {{true, QStringLiteral("title"), QStringLiteral("hello"), false},
                   {true, QStringLiteral("doc"), path, true}};
    setBody(composer, body);
    QCOMPARE(composer->request().body, body); // the editor keeps what it is given
    // The greyed Content-Type row: the boundary is made when sent, said in plain Latin-1 (the
    // "…" it had came out as "â€¦").
    auto *headers = window.findChild<QTableView *>(QStringLiteral("headers"))->model();
    QTRY_VERIFY(shownHeaders(headers).contains("multipart/form-data; boundary=(made when sent)"));
    window.currentTab()->send();
    QTRY_VERIFY(recorder.done);
    const QByteArray contentType = recorder.header("Content-Type");
    QVERIFY(contentType.startsWith("multipart/form-data; boundary="));
    const QByteArray boundary = contentType.mid(contentType.indexOf('=') + 1);
    QCOMPARE(recorder.body,
             "--" + boundary +
                 "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                 "--" +
                 boundary +
                 "\r\nContent-Disposition: form-data; name=\"doc\"; "
                 "filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfile bytes\n\r\n"
                 "--" +
                 boundary + "--\r\n");
}

void tst_MainWindow::copiedCurlSendsTheSameBody()
{
    // Copy as curl, run by the real curl: the server reads the same form the app sends (each
    // with its own boundary).
    Recorder recorder(this);
    QTemporaryDir files;
    const QString path =
        writeFile(files, QStringLiteral("notes.txt"), "line one\nline two; \"quoted\"\n");
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    setRequest(composer, "POST", recorder.url("/form"), {{"X-Trace", "1"}});
    RequestBody body;
    body.mode = RequestBody::Mode::Multipart;
    body.fields = {{true, QStringLiteral("title"), QStringLiteral("semi;colon \"q\" @at"), false},
                   {true, QStringLiteral("doc"), path, true}};
    setBody(composer, body);

    auto received = [&](const auto &start) {
        recorder.done = false;
        start();
        if (!QTest::qWaitFor([&] { return recorder.done; }, 10000))
            qFatal("no request arrived");
        const QByteArray type = recorder.header("Content-Type");
        const QByteArray boundary = type.mid(type.indexOf("boundary=") + 9);
        return QByteArray(recorder.body).replace(boundary, "BOUNDARY");
    };
    const QByteArray fromApp = received([&] { window.currentTab()->send(); });
    const QString command = window.currentTab()->exportCurl();
    QVERIFY2(command.contains(QLatin1String("--form-string")), qPrintable(command));
    QProcess curl;
    const QByteArray fromCurl = received([&] {
        curl.start(QStringLiteral("bash"),
                   {QStringLiteral("-c"), command + QStringLiteral(" -s -o /dev/null")});
    });
    QVERIFY(curl.waitForFinished(10000));
    QCOMPARE(curl.exitCode(), 0);
    QCOMPARE(fromCurl, fromApp);
    QVERIFY(recorder.rawHeaders.contains("X-Trace"));
}

void tst_MainWindow::unreadableBodyFileIsRefused()
{
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    RequestBody body;
    body.mode = RequestBody::Mode::File;
    body.filePath = QStringLiteral("/nonexistent/wirebench/body.bin");
    setBody(composer, body);
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("send")), Qt::LeftButton);
    auto *problem = window.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(
        problem->text().contains(QStringLiteral("/nonexistent/wirebench/body.bin: cannot read")),
        qPrintable(problem->text()));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("No response yet"));
}

void tst_MainWindow::progressAndLargeImages()
{
    // A 1 MB PNG (noise does not compress): past the 256 KiB the views keep, decoded whole.
    QImage noise(600, 600, QImage::Format_RGB32);
    quint32 seed = 1;
    for (int y = 0; y < noise.height(); ++y)
        for (int x = 0; x < noise.width(); ++x)
            noise.setPixel(x, y, (seed = seed * 1664525u + 1013904223u) >> 8);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(noise.save(&buffer, "PNG"));
    QVERIFY(png.size() > 512 * 1024);
    Recorder recorder(this);
    recorder.answerType = "image/png";
    recorder.answer = png;
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))->setText(recorder.url("/noise.png"));
    window.currentTab()->send();
    auto *image = window.findChild<QLabel *>(QStringLiteral("image"));
    QTRY_COMPARE(image->pixmap().size(), QSize(600, 600));
    QVERIFY(!window.findChild<QProgressBar *>(QStringLiteral("progress"))->isVisible());
}

void tst_MainWindow::themes()
{
    MainWindow window;
    window.show();
    auto *dark = window.findChild<QAction *>(QStringLiteral("theme2"));
    auto *system = window.findChild<QAction *>(QStringLiteral("theme0"));
    QVERIFY(dark && system);
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    auto *wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"));
    // The colour a received byte was drawn in: it must follow the theme, or it ends up white on
    // white (dark → light) or black on near-black (light → dark).
    auto receivedColour = [wire] {
        QTextCursor cursor(wire->document());
        cursor.setPosition(int(wire->toPlainText().lastIndexOf(QStringLiteral("Ada"))) + 1);
        return cursor.charFormat().foreground().color();
    };
    dark->trigger();
    QVERIFY(Theme::isDark(QApplication::palette()));
    QTRY_VERIFY(Theme::isDark(wire->palette()));
    QTRY_COMPARE(receivedColour(), wire->palette().text().color());
    system->trigger();
    QVERIFY(!Theme::isDark(QApplication::palette()));
    QTRY_COMPARE(receivedColour(), wire->palette().text().color());
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toInt(), 0);
}

void tst_MainWindow::demoRequestIsReady()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.demoUrl().startsWith(QStringLiteral("http://127.0.0.1:")));
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("url"))->text(),
             window.demoUrl() + QStringLiteral("/users/42"));
}

void tst_MainWindow::sendShowsEverything()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *send = window.findChild<QPushButton *>(QStringLiteral("send"));
    QTest::mouseClick(send, Qt::LeftButton);
    auto *status = window.findChild<QLabel *>(QStringLiteral("status"));
    QTRY_COMPARE(status->text(), QStringLiteral("HTTP/1.1 200 OK"));
    QTRY_COMPARE(send->text(), QStringLiteral("Send"));
    auto *response = window.findChild<ResponseView *>();
    const HeadersModel *headers = response->headersModel();
    QCOMPARE(headers->index(0, 0).data().toString(), QStringLiteral("Content-Type"));
    QCOMPARE(headers->index(1, 0).data().toString(), QStringLiteral("Cache-Control"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))
                ->toPlainText()
                .contains(QStringLiteral("\"name\": \"Ada\"")));
    const QString wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))->toPlainText();
    QVERIFY2(wire.contains(QStringLiteral("GET /users/42 HTTP/1.1\\r\\n")), qPrintable(wire));
    QVERIFY(wire.contains(QStringLiteral("Accept: application/json\\r\\n")));
    QVERIFY(wire.contains(QStringLiteral("HTTP/1.1 200 OK\\r\\n")));
    QStringList events;
    for (int row = 0; row < response->eventsModel()->rowCount(); ++row)
        events << response->eventsModel()->index(row, 1).data().toString();
    QCOMPARE(events.first(), QStringLiteral("socket"));
    QVERIFY(events.contains(QStringLiteral("response.end")));
    QStringList phases;
    for (const TimingBar::Phase &p : response->timingBar()->phases())
        phases << p.name;
    QCOMPARE(phases, (QStringList{QStringLiteral("connect"), QStringLiteral("send"),
                                  QStringLiteral("wait"), QStringLiteral("receive")}));
    QVERIFY(response->timingBar()->toolTip().startsWith(QStringLiteral("connect ")));
}

void tst_MainWindow::streamedChunksAndTrailers()
{
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/stream"));
    window.currentTab()->send();
    auto *response = window.findChild<ResponseView *>();
    QTRY_COMPARE(response->trailersModel()->rowCount(), 1);
    QCOMPARE(response->trailersModel()->index(0, 0).data().toString(),
             QStringLiteral("X-Checksum"));
    const QString wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))->toPlainText();
    QVERIFY(wire.contains(QStringLiteral("c\\r\\n\nfirst chunk")));
}

void tst_MainWindow::invalidHeaderIsRefused()
{
    MainWindow window;
    window.show();
    window.findChild<QComboBox *>(QStringLiteral("method"))->setCurrentText(QStringLiteral("GE T"));
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("send")), Qt::LeftButton);
    auto *problem = window.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), QStringLiteral("Method must be a valid HTTP token [\"GE T\"]"));
}

void tst_MainWindow::connectionRefusedIsShown()
{
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://127.0.0.1:1/"));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("ECONNREFUSED"));
    QCOMPARE(window.findChild<ResponseView *>()->hintText(),
             QStringLiteral("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1 — Nothing is "
                            "listening at 127.0.0.1:1: is the server running, on this port?"));
    // Nothing reached the kernel: the view says so instead of "sent 98 bytes".
    QTRY_VERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                    ->toPlainText()
                    .contains(QStringLiteral("→ nothing sent")));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("details"))
                ->text()
                .contains(QStringLiteral("sent nothing")));
}

void tst_MainWindow::curlImportAndExport()
{
    MainWindow window;
    window.show();
    const QString command =
        QStringLiteral("curl -X PUT '%1/echo' -H 'X-From: curl' --data-raw 'a=1'")
            .arg(window.demoUrl());
    QVERIFY(window.currentTab()->importCurl(command));
    QCOMPARE(window.findChild<QComboBox *>(QStringLiteral("method"))->currentText(),
             QStringLiteral("PUT"));
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("url"))->text(),
             window.demoUrl() + QStringLiteral("/echo"));
    // The same request: sending it shows what the echo route received.
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    const QString body =
        window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText();
    QVERIFY2(body.contains(QStringLiteral("\"method\": \"PUT\"")) &&
                 body.contains(QStringLiteral("\"x-from\": \"curl\"")) &&
                 body.contains(QStringLiteral("\"body\": \"a=1\"")),
             qPrintable(body));
    QCOMPARE(window.currentTab()->exportCurl(),
             QStringLiteral("curl -X PUT %1/echo -H 'X-From: curl' -H 'Content-Type: "
                            "application/x-www-form-urlencoded' --data-raw a=1")
                 .arg(window.demoUrl()));
    QVERIFY(!window.currentTab()->importCurl(QStringLiteral("curl --proxy p http://x")));
    QCOMPARE(
        window.findChild<QLabel *>(QStringLiteral("problem"))->text(),
        QStringLiteral("Could not read the curl command: curl option --proxy is not supported"));
}

void tst_MainWindow::optionsReachTheRequest()
{
    MainWindow window;
    window.show();
    window.findChild<QCheckBox *>(QStringLiteral("keepAlive"))->setChecked(false);
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                ->toPlainText()
                .contains(QStringLiteral("Connection: close\\r\\n")));
    // A timeout shorter than the slow route: the request gives up with ETIMEDOUT.
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/slow"));
    window.findChild<QSpinBox *>(QStringLiteral("timeout"))->setValue(200);
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("ETIMEDOUT"));
}

void tst_MainWindow::init()
{
    // Each test starts as a first start: no tabs kept from the one before.
    QFile::remove(m_workspace.filePath(QStringLiteral("tabs.json")));
}

void tst_MainWindow::tabsAndTheirChangesComeBack()
{
    QString demo;
    QList<int> dragged;
    {
        MainWindow window;
        window.show();
        demo = window.demoUrl();
        // The mock panel's list dragged taller: it stays so, as the docks themselves do.
        window.findChild<MockServersDock *>()->raise();
        auto *split = window.findChild<QSplitter *>(QStringLiteral("mockServersSplitter"));
        QTRY_VERIFY(split->isVisible() && split->sizes().value(1) > 100);
        QList<int> sizes = split->sizes();
        sizes[0] += sizes[1] / 2;
        sizes[1] -= sizes[1] / 2;
        split->setSizes(sizes);
        dragged = split->sizes();
        QCOMPARE(window.tabs()->count(), 1); // a first start: the demo request
        QVERIFY(window.currentTab()->save(QStringLiteral("kept"), QStringLiteral("saved")));
        setRequest(window.currentTab()->composer(), "PUT", demo + QStringLiteral("/changed"),
                   {{"X-Off", "1"}});
        window.tabs()->newTab();
        setRequest(window.currentTab()->composer(), "POST", demo + QStringLiteral("/scratch"), {},
                   "typed, never sent");
        window.tabs()->newTab(); // an empty one
        window.tabs()->setCurrentIndex(1);
        QVERIFY(window.close()); // nothing is asked: it all comes back
    }
    MainWindow window;
    window.show();
    window.findChild<MockServersDock *>()->raise();
    QTRY_COMPARE(window.findChild<QSplitter *>(QStringLiteral("mockServersSplitter"))->sizes(),
                 dragged);
    QCOMPARE(window.tabs()->count(), 3);
    QCOMPARE(window.tabs()->currentIndex(), 1);
    RequestTab *saved = window.tabs()->tab(0);
    QCOMPARE(saved->request().path(), QStringLiteral("kept/saved"));
    QCOMPARE(saved->request().method, QByteArray("PUT"));
    QCOMPARE(saved->request().url, demo + QStringLiteral("/changed"));
    QVERIFY(saved->isModified()); // still differs from its file
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("saved \u25cf"));
    RequestTab *scratch = window.tabs()->tab(1);
    QCOMPARE(scratch->request().body.text, QStringLiteral("typed, never sent"));
    QVERIFY(scratch->isModified());
    QVERIFY(window.tabs()->tabText(1).startsWith(QStringLiteral("scratch")));
    QVERIFY(!window.tabs()->tab(2)->isModified());
    QCOMPARE(window.tabs()->tabText(2), QStringLiteral("New request"));
    // Saving the restored tab takes its mark away.
    QVERIFY(saved->save(QStringLiteral("kept"), QStringLiteral("saved")));
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("saved"));
    QCOMPARE(window.tabs()->tabBar()->tabButton(0, QTabBar::LeftSide)->property("text").toString(),
             QStringLiteral("PUT"));
}

void tst_MainWindow::twoTabsSendAtOnceThroughOneAgent()
{
    MainWindow window;
    window.show();
    http::Agent *agent = window.session()->agent(QStringLiteral("http:"));
    int created = 0;
    connect(agent, &http::Agent::socketCreated, this, [&created] { ++created; });
    // /slow answers after a while: the second tab sends while the first waits.
    setRequest(window.currentTab()->composer(), "GET", window.demoUrl() + QStringLiteral("/slow"),
               {});
    RequestTab *slow = window.currentTab();
    slow->send();
    RequestTab *fast = window.tabs()->newTab();
    setRequest(fast->composer(), "GET", window.demoUrl() + QStringLiteral("/users/42"), {});
    fast->send();
    QVERIFY(slow->run() != fast->run());
    auto status = [](RequestTab *tab) {
        return tab->findChild<QLabel *>(QStringLiteral("status"))->text();
    };
    QTRY_COMPARE(status(fast), QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(!slow->run()->isDone()); // still waiting, in its own tab
    QTRY_COMPARE_WITH_TIMEOUT(status(slow), QStringLiteral("HTTP/1.1 200 OK"), 10000);
    // One pool for both: two sockets at once, both from the window's Agent.
    QCOMPARE(created, 2);
    QCOMPARE(agent->totalSocketCount(), 2);
    QCOMPARE(agent->freeSockets().first().size(), 2); // both kept alive for the next requests
}

void tst_MainWindow::tabKeys()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    auto *url = window.currentTab()->composer()->findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    QTest::keyClick(url, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 2);
    QCOMPARE(window.tabs()->currentIndex(), 1);
    QTest::keyClick(window.currentTab()->composer()->findChild<QLineEdit *>(QStringLiteral("url")),
                    Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), 0);
    QTest::keyClick(url, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.tabs()->currentIndex(), 1);
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier); // the new tab: nothing to ask
    QCOMPARE(window.tabs()->count(), 1);
}

void tst_MainWindow::mockPanelServesLogsAndEditsLive()
{
    // A new user's path: the demo server runs in the panel, what the composer sends shows in
    // the log, a route edited answers the next request, a fault reaches the composer, a 404
    // becomes a route, a row opens in a tab, and the file saves.
    MainWindow window;
    window.show();
    MockServersDock *servers = window.mockServersDock();
    MockLogModel *log = window.mockLogDock()->model();
    QCOMPARE(window.mockHost()->servers().size(), 1);
    QCOMPARE(window.mockHost()->servers()[0].state, MockHost::State::Running);
    auto status = [&window] {
        return window.currentTab()->findChild<QLabel *>(QStringLiteral("status"))->text();
    };
    auto sendTo = [&](const QString &path) {
        setRequest(window.currentTab()->composer(), "GET", window.demoUrl() + path, {});
        window.currentTab()->send();
        QTRY_VERIFY(window.currentTab()->run()->isDone());
    };
    sendTo(QStringLiteral("/users/42"));
    QCOMPARE(status(), QStringLiteral("HTTP/1.1 200 OK"));
    QTRY_COMPARE(log->rowCount(), 1);
    QCOMPARE(log->index(0, MockLogModel::Url).data().toString(), QStringLiteral("/users/42"));
    QCOMPARE(log->index(0, MockLogModel::Route).data().toString(), QStringLiteral("#2 /users/:id"));
    QCOMPARE(log->entry(0).responseHead.left(15), QByteArray("HTTP/1.1 200 OK"));

    // The route's JSON edited: the running server answers the next request with it.
    auto *routes = servers->findChild<QTableView *>(QStringLiteral("mockRoutes"));
    routes->selectRow(1);
    auto *editor = servers->findChild<QPlainTextEdit *>(QStringLiteral("routeEditor"));
    QVERIFY(editor->toPlainText().contains(QLatin1String("\"/users/:id\"")));
    auto *problem = servers->findChild<QLabel *>(QStringLiteral("routeProblem"));
    editor->setPlainText(QStringLiteral("{\"path\": \"/users/:id\",\n \"status\": \"x\"}"));
    QTRY_VERIFY(problem->text().startsWith(QStringLiteral("route:2: route.status:")));
    editor->setPlainText(QStringLiteral(
        R"({"path": "/users/:id", "status": 203, "template": true, "body": "user {{request.params.id}}"})"));
    QTRY_VERIFY(problem->text().startsWith(QStringLiteral("Applied")));
    sendTo(QStringLiteral("/users/7"));
    QCOMPARE(status(), QStringLiteral("HTTP/1.1 203 Non-Authoritative Information"));
    QCOMPARE(window.currentTab()->run()->exchange()->body(), QByteArray("user 7"));
    QVERIFY(servers->modifiedFiles().contains(QStringLiteral(":/demo.mock.json")));

    // A fault: the composer reports what a client sees.
    editor->setPlainText(QStringLiteral(R"({"path": "/users/:id", "fault": "reset"})"));
    QTRY_COMPARE(servers->routesModel()->routes()[1].response.fault, MockFault::Reset);
    sendTo(QStringLiteral("/users/7"));
    QCOMPARE(status(), QStringLiteral("ECONNRESET"));
    QTRY_COMPARE(log->rowCount(), 3);
    QCOMPARE(log->index(2, MockLogModel::Fault).data().toString(), QStringLiteral("reset"));

    // A 404 in the log becomes a route at the top.
    sendTo(QStringLiteral("/nope"));
    QTRY_COMPARE(log->rowCount(), 4);
    auto *logView = window.mockLogDock()->findChild<QTableView *>(QStringLiteral("log"));
    logView->selectRow(3);
    QCOMPARE(log->index(3, MockLogModel::Route).data().toString(), QStringLiteral("no route"));
    window.mockLogDock()->findChild<QPushButton *>(QStringLiteral("createRoute"))->click();
    QCOMPARE(servers->routesModel()->routes().first().path, QStringLiteral("/nope"));
    sendTo(QStringLiteral("/nope"));
    QCOMPARE(status(), QStringLiteral("HTTP/1.1 200 OK"));

    // A row opens in a new tab, aimed at the mock.
    const int tabs = window.tabs()->count();
    logView->selectRow(0);
    window.mockLogDock()->findChild<QPushButton *>(QStringLiteral("openInComposer"))->click();
    QCOMPARE(window.tabs()->count(), tabs + 1);
    QCOMPARE(window.currentTab()->request().url, window.demoUrl() + QStringLiteral("/users/42"));

    // Saved where the user says; it loads back with the edits.
    const QString saved = m_workspace.filePath(QStringLiteral("edited.mock.json"));
    QString error;
    QVERIFY2(servers->saveFile(QStringLiteral(":/demo.mock.json"), &error, saved),
             qPrintable(error));
    const auto back = MockFile::load(saved, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->servers[0].routes[0].path, QStringLiteral("/nope"));
    QCOMPARE(back->servers[0].routes[2].response.fault, MockFault::Reset);
}

void tst_MainWindow::mockPanelRecordsAProxiedApi()
{
    // A real API behind a mock server with "proxy": recording turns its answers into routes,
    // which answer once the API is gone. The log exports as HAR.
    MainWindow window;
    window.show();
    auto api = std::make_unique<Recorder>(this);
    api->answer = "{\"from\": \"the real api\"}";
    api->answerType = "application/json";
    const QString file = m_workspace.filePath(QStringLiteral("proxy.mock.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QStringLiteral(R"({"servers":[{"name":"front","proxy":"%1","routes":[]}]})")
                .arg(api->url(""))
                .toUtf8());
    f.close();
    MockServersDock *servers = window.mockServersDock();
    QString error;
    QVERIFY2(servers->openFile(file, &error), qPrintable(error));
    const int id = servers->currentServer();
    QCOMPARE(window.mockHost()->server(id)->spec.name, QStringLiteral("front"));
    servers->setRecording(id, true);
    QVERIFY(!window.mockHost()->start(id));
    const QString front = window.mockHost()->server(id)->url;
    setRequest(window.currentTab()->composer(), "GET", front + QStringLiteral("/items?page=2"), {});
    window.currentTab()->send();
    QTRY_VERIFY(window.currentTab()->run()->isDone());
    QCOMPARE(window.currentTab()->run()->exchange()->body(),
             QByteArray("{\"from\": \"the real api\"}"));
    QTRY_COMPARE(servers->routesModel()->rowCount(), 1);
    QCOMPARE(servers->routesModel()->routes()[0].path, QStringLiteral("/items"));
    // The API goes away; the recorded route answers the same request.
    api.reset();
    window.currentTab()->send();
    QTRY_VERIFY(window.currentTab()->run()->isDone());
    QCOMPARE(window.currentTab()->run()->exchange()->statusCode(), 200);
    QCOMPARE(window.currentTab()->run()->exchange()->body(),
             QByteArray("{\"from\": \"the real api\"}"));
    QVERIFY(servers->modifiedFiles().contains(file));

    const QString har = m_workspace.filePath(QStringLiteral("log.har"));
    QTRY_COMPARE(window.mockLogDock()->model()->rowCount(), 2);
    QVERIFY2(window.mockLogDock()->exportHar(har, &error), qPrintable(error));
    QFile in(har);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QJsonArray entries = QJsonDocument::fromJson(in.readAll())
                                   .object()[QStringLiteral("log")][QStringLiteral("entries")]
                                   .toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0][QStringLiteral("request")][QStringLiteral("url")].toString(),
             front + QStringLiteral("/items?page=2"));
    QCOMPARE(entries[1][QStringLiteral("response")][QStringLiteral("status")].toInt(), 200);
    QCOMPARE(
        entries[1][QStringLiteral("response")][QStringLiteral("content")][QStringLiteral("text")]
            .toString(),
        QStringLiteral("{\"from\": \"the real api\"}"));
}

void tst_MainWindow::mockFileChangedOnDiskIsOfferedForReload()
{
    MainWindow window;
    window.show();
    const QString file = m_workspace.filePath(QStringLiteral("watched.mock.json"));
    auto write = [&file](const QByteArray &text) {
        QSaveFile out(file); // as editors save: a new file renamed over the old one
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        QVERIFY(out.commit());
    };
    write(R"({"servers":[{"name":"watched","routes":[{"path":"/a","body":"one"}]}]})");
    MockServersDock *servers = window.mockServersDock();
    QString error;
    QVERIFY2(servers->openFile(file, &error), qPrintable(error));
    auto *reload = servers->findChild<QPushButton *>(QStringLiteral("reloadMockFile"));
    QVERIFY(reload->isHidden());
    // Opened again, under another spelling of its path: selected, not added twice.
    const int first = servers->currentServer();
    QVERIFY2(servers->openFile(QStringLiteral(":/demo.mock.json"), &error), qPrintable(error));
    QVERIFY(servers->currentServer() != first);
    const qsizetype count = window.mockHost()->servers().size();
    const QString again =
        QFileInfo(file).absolutePath() + QStringLiteral("/./") + QFileInfo(file).fileName();
    QVERIFY2(servers->openFile(again, &error), qPrintable(error));
    QCOMPARE(window.mockHost()->servers().size(), count);
    QCOMPARE(servers->currentServer(), first);
    // Saved from the panel: not news.
    QVERIFY2(servers->saveFile(file, &error), qPrintable(error));
    QTest::qWait(300);
    QVERIFY(servers->changedOnDisk().isEmpty());
    // Changed by someone else: offered.
    write(R"({"servers":[{"name":"watched","routes":[{"path":"/b","body":"two"}]}]})");
    QTRY_VERIFY(servers->changedOnDisk().contains(file));
    QVERIFY(!reload->isHidden());
    QVERIFY2(servers->reloadFile(file, &error), qPrintable(error));
    QCOMPARE(servers->routesModel()->routes().first().path, QStringLiteral("/b"));
    QVERIFY(reload->isHidden());
    // Broken on disk: said with its line and field, nothing changes.
    write("{\"servers\":[{\"routes\":[\n{\"path\":\"/c\",\"status\":\"x\"}]}]}");
    QTRY_VERIFY(servers->changedOnDisk().contains(file));
    QVERIFY(!servers->reloadFile(file, &error));
    QVERIFY2(error.contains(QLatin1String("watched.mock.json:2: servers[0].routes[0].status")),
             qPrintable(error));
    QCOMPARE(servers->routesModel()->routes().first().path, QStringLiteral("/b"));
}

void tst_MainWindow::initTestCase()
{
    // Settings and the workspace go to throw-away places, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    qputenv("WIREBENCH_WORKSPACE", m_workspace.path().toUtf8());
}

void tst_MainWindow::savedRequestsAndHistorySurviveARestart()
{
    {
        MainWindow window;
        window.show();
        auto *composer = window.findChild<ComposerWidget *>();
        setBody(composer, formBody());
        setAuth(composer, {RequestAuth::Type::Bearer, {}, {}, QStringLiteral("{{token}}")});
        setOptions(composer, false, 2500, true, 3);
        QVERIFY(window.currentTab()->save(QStringLiteral("demo/users"), QStringLiteral("Get Ada")));
        window.currentTab()->send();
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                     QStringLiteral("HTTP/1.1 200 OK"));
        QTRY_VERIFY(window.findChild<QListView *>(QStringLiteral("history"))->model()->rowCount() >=
                    1);
    }
    MainWindow again;
    again.show();
    QVERIFY(again.session()->workspace()->problems().isEmpty());
    const auto &saved = again.session()->workspace()->requests();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().collection, QStringLiteral("demo/users"));
    QCOMPARE(saved.first().headers.first().name, QByteArray("Accept"));
    auto *tree = again.findChild<QTreeView *>(QStringLiteral("savedRequests"));
    QCOMPARE(tree->model()->rowCount(), 1); // the "demo" folder
    auto *history = again.findChild<QListView *>(QStringLiteral("history"));
    QVERIFY(history->model()->rowCount() >= 1);
    QVERIFY(history->model()->index(0, 0).data().toString().startsWith(
        QStringLiteral("200 GET http://127.0.0.1:")));
    again.currentTab()->composer()->findChild<QLineEdit *>(QStringLiteral("url"))->clear();
    const int tabs = again.tabs()->count();
    again.tabs()->open(again.session()->workspace()->requests()[0]);
    // The cleared URL is an unsaved change: the saved request opens in a tab of its own.
    QCOMPARE(again.tabs()->count(), tabs + 1);
    QVERIFY(again.tabs()->tab(tabs - 1)->isModified());
    auto *composer = again.currentTab()->composer();
    QVERIFY(composer->request().url.endsWith(QStringLiteral("/users/42")));
    // Body, auth and options come back too.
    QCOMPARE(composer->request().body.mode, RequestBody::Mode::Form);
    QCOMPARE(composer->request().body.fields, formBody().fields);
    QCOMPARE(composer->request().auth.token, QStringLiteral("{{token}}"));
    QVERIFY(!composer->request().keepAlive);
    QCOMPARE(composer->request().timeoutMs, 2500);
    QVERIFY(composer->request().insecure);
    QCOMPARE(composer->request().followRedirects, 3);
}

void tst_MainWindow::environmentVariablesAreFilledIn()
{
    MainWindow window;
    window.show();
    QVERIFY(window.workspaceDock()->setEnvironments(
        {{QStringLiteral("local"),
          {{QStringLiteral("demo"), window.demoUrl()},
           {QStringLiteral("who"), QStringLiteral("tester")}}}},
        QStringLiteral("local")));
    window.currentTab()->importCurl(QStringLiteral("curl '{{demo}}/echo' -H 'X-Who: {{who}}'"));
    QCOMPARE(sent(window).url.toString(), window.demoUrl() + QStringLiteral("/echo"));
    const QAbstractItemModel *history =
        window.findChild<QListView *>(QStringLiteral("history"))->model();
    const int before = history->rowCount(); // earlier tests' entries are kept
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                ->toPlainText()
                .contains(QStringLiteral("X-Who: tester\\r\\n")));
    // History gives back the request as composed, variables and all.
    QTRY_VERIFY(history->rowCount() > before);
    setRequest(window.currentTab()->composer(), "GET", QStringLiteral("http://other.test/"), {});
    window.tabs()->openHistoryEntry(window.workspaceDock()->historyModel()->entry(0));
    QCOMPARE(window.tabs()->count(), 2); // the changed tab is kept, the entry opens in a new one
    auto *composer = window.currentTab()->composer();
    QCOMPARE(composer->request().url, QStringLiteral("{{demo}}/echo"));
    QCOMPARE(composer->request().enabledHeaders(),
             (QList<QPair<QByteArray, QByteArray>>{{"X-Who", "{{who}}"}}));
}

void tst_MainWindow::historyExportsAsHar()
{
    MainWindow window;
    window.show();
    window.currentTab()->importCurl(
        QStringLiteral("curl -d 'x=1' '%1/echo?q=a+b'").arg(window.demoUrl()));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.har"));
    QTRY_VERIFY(!window.session()->workspace()->history().isEmpty());
    QVERIFY(window.exportHar(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(
        log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Wirebench"));
    const QJsonObject last = log.value(QStringLiteral("entries")).toArray().last().toObject();
    const QJsonObject request = last.value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(request.value(QStringLiteral("postData"))
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("x=1"));
    QCOMPARE(request.value(QStringLiteral("queryString"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("q"));
    const QJsonObject response = last.value(QStringLiteral("response")).toObject();
    QCOMPARE(response.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(response.value(QStringLiteral("headers"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("Content-Type"));
    QVERIFY(response.value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("\"body\":\"x=1\"")));
    const QJsonObject timings = last.value(QStringLiteral("timings")).toObject();
    for (const char *key : {"send", "wait", "receive"})
        QVERIFY(timings.value(QLatin1String(key)).toDouble() >= 0);
}

void tst_MainWindow::authTabAddsAuthorization()
{
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    setAuth(composer,
            {RequestAuth::Type::Basic, QStringLiteral("user"), QStringLiteral("pass"), {}});
    QVERIFY(sent(window).headers.contains(
        qMakePair(QByteArray("Authorization"), QByteArray("Basic dXNlcjpwYXNz"))));
    setAuth(composer, {RequestAuth::Type::Bearer, {}, {}, QStringLiteral("tok.en")});
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                ->toPlainText()
                .contains(QStringLiteral("Authorization: Bearer tok.en\\r\\n")));
    // An Authorization header typed in the Headers tab wins.
    window.currentTab()->importCurl(
        QStringLiteral("curl -H 'Authorization: Custom x' http://127.0.0.1:1/"));
    setAuth(composer, {RequestAuth::Type::Bearer, {}, {}, QStringLiteral("ignored")});
    const auto headers = sent(window).headers;
    QCOMPARE(std::count_if(headers.cbegin(), headers.cend(),
                           [](const auto &h) { return h.first == "Authorization"; }),
             1);
}

void tst_MainWindow::queryParametersFollowTheUrl()
{
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setText(QStringLiteral("{{base}}/search?q=caf%C3%A9&page=2#top"));
    QCOMPARE(paramsOf(composer),
             (QList<QPair<QByteArray, QByteArray>>{{"q", "caf\xc3\xa9"}, {"page", "2"}}));
    auto *params = window.findChild<QTableView *>(QStringLiteral("params"))->model();
    QVERIFY(params->setData(params->index(1, 1), QStringLiteral("3")));
    QCOMPARE(url->text(), QStringLiteral("{{base}}/search?q=caf%C3%A9&page=3#top"));
    QVERIFY(params->setData(params->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(url->text(), QStringLiteral("{{base}}/search?page=3#top"));
}

void tst_MainWindow::bodyViews()
{
    MainWindow window;
    window.show();
    window.currentTab()->send();
    auto *body = window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"));
    QTRY_VERIFY(body->toPlainText().contains(QStringLiteral("\"name\": \"Ada\"")));
    auto *view = window.findChild<QComboBox *>(QStringLiteral("bodyView"));
    view->setCurrentIndex(2); // Hex
    QVERIFY(body->toPlainText().startsWith(QStringLiteral("00000000  7b 22 69 64")));
    view->setCurrentIndex(1); // Raw
    QCOMPARE(body->toPlainText(), QStringLiteral("{\"id\":42,\"name\":\"Ada\"}"));
    view->setCurrentIndex(3); // Image: says plainly that it is not one
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("image"))->text(),
             QStringLiteral("Not an image Qt can read (22 bytes)"));
}

void tst_MainWindow::redirectsAreFollowedAndKept()
{
    MainWindow window;
    window.show();
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("status"));
    url->setText(window.demoUrl() + QStringLiteral("/old"));
    window.currentTab()->send();
    QTRY_COMPARE(status->text(), QStringLiteral("HTTP/1.1 302 Found")); // not followed by default
    window.findChild<QSpinBox *>(QStringLiteral("redirects"))->setValue(5);
    window.currentTab()->send();
    QTRY_COMPARE(status->text(), QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY2(window.findChild<QLabel *>(QStringLiteral("details"))
                 ->text()
                 .contains(QStringLiteral("after 1 redirect(s): 302 ")),
             qPrintable(window.findChild<QLabel *>(QStringLiteral("details"))->text()));
    const QString wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))->toPlainText();
    QVERIFY(wire.contains(QStringLiteral("GET /old HTTP/1.1")));
    QVERIFY(wire.indexOf(QStringLiteral("GET /old")) <
            wire.indexOf(QStringLiteral("GET /users/42")));
}

void tst_MainWindow::largeStreamedBody()
{
    // 64 MB in 1 MB chunks from a real Server: the views show a readable part and say the rest.
    http::Server server;
    const QByteArray chunk(1024 * 1024, 'w');
    connect(&server, &http::Server::requestReceived, this,
            [&](http::IncomingMessage *, http::ServerResponse *res) {
                res->setHeader("Content-Type", "text/plain");
                res->setHeader("Content-Length", QByteArray::number(64 * 1024 * 1024));
                auto left = std::make_shared<int>(64);
                auto pump = [res, left, &chunk] {
                    // Node's way: write until write() says the buffer is full, go on at 'drain'.
                    while (*left > 0) {
                        --*left;
                        if (!res->write(chunk))
                            return;
                    }
                    res->end();
                };
                connect(res, &http::OutgoingMessage::drained, res, pump);
                pump();
            });
    QVERIFY(!server.listen(0, QStringLiteral("127.0.0.1")));
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://127.0.0.1:%1/big").arg(server.port()));
    window.currentTab()->send();
    // While it streams: a progress bar in KiB of the Content-Length, with the rate.
    auto *progress = window.findChild<QProgressBar *>(QStringLiteral("progress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible(), 30000);
    QCOMPARE(progress->maximum(), 64 * 1024);
    QVERIFY2(progress->text().contains(QStringLiteral(" of 64.0 MiB · ")),
             qPrintable(progress->text()));
    QTRY_COMPARE_WITH_TIMEOUT(window.findChild<QPushButton *>(QStringLiteral("send"))->text(),
                              QStringLiteral("Send"), 60000);
    QVERIFY(!progress->isVisible());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("HTTP/1.1 200 OK"));
    const QString shown =
        window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText();
    QVERIFY(shown.size() < 300 * 1024);
    QVERIFY(shown.endsWith(QStringLiteral("more bytes (67108864 in all)")));
    // One unbroken 256 KiB line: wrapped anywhere (at word boundaries Qt takes seconds).
    QCOMPARE(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->wordWrapMode(),
             QTextOption::WrapAnywhere);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("details"))
                ->text()
                .contains(QStringLiteral("received 64")));
}

void tst_MainWindow::deleteRequestAndSaveBody()
{
    MainWindow window;
    window.show();
    const qsizetype before = window.session()->workspace()->requests().size();
    QVERIFY(window.currentTab()->save(QStringLiteral("scratch"), QStringLiteral("to delete")));
    const QString file =
        window.session()->workspace()->path() + QStringLiteral("/requests/scratch/to delete.json");
    QVERIFY(QFile::exists(file));
    const auto &requests = window.session()->workspace()->requests();
    const auto it = std::find_if(requests.cbegin(), requests.cend(), [](const Request &r) {
        return r.name == QLatin1String("to delete");
    });
    QVERIFY(window.workspaceDock()->deleteSavedRequest(int(it - requests.cbegin())));
    QVERIFY(!QFile::exists(file));
    QCOMPARE(window.session()->workspace()->requests().size(), before);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("42.json"));
    QVERIFY(!window.currentTab()->saveResponseBody(path)); // nothing received yet
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QPushButton *>(QStringLiteral("send"))->text(),
                 QStringLiteral("Send"));
    QVERIFY(window.currentTab()->saveResponseBody(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), QByteArray("{\"id\":42,\"name\":\"Ada\"}"));
}

void tst_MainWindow::findInTheResponse()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QPushButton *>(QStringLiteral("send"))->text(),
                 QStringLiteral("Send"));
    auto *find = window.findChild<QLineEdit *>(QStringLiteral("find"));
    QVERIFY(!find->isVisible());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(find->isVisible());
    QTest::keyClicks(find, QStringLiteral("Ada"));
    auto *body = window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"));
    QCOMPARE(body->textCursor().selectedText(), QStringLiteral("Ada"));
    auto *response = window.findChild<ResponseView *>();
    QVERIFY(!response->find(QStringLiteral("not in the body")));
    // In the Wire tab, the same bar finds in the bytes.
    auto *tabs = response->findChild<QTabWidget *>();
    tabs->setCurrentIndex(3);
    QVERIFY(response->find(QStringLiteral("Cache-Control")));
    auto *wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"));
    QCOMPARE(wire->textCursor().selectedText(), QStringLiteral("Cache-Control"));
    QTest::keyClick(find, Qt::Key_Escape);
    QVERIFY(!find->isVisible());
}

void tst_MainWindow::fileBodyIsStreamed()
{
    // 8 MiB of noise as a file body: sent 64 KiB at a time as the socket drains, with its
    // Content-Length, and read back whole by the server.
    QByteArray noise(8 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(noise.data()),
                                  noise.size() / sizeof(quint32));
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("noise.bin"), noise);
    Recorder recorder(this);
    MainWindow window;
    window.show();
    auto *composer = window.findChild<ComposerWidget *>();
    setRequest(composer, "PUT", recorder.url("/upload"), {});
    RequestBody body;
    body.mode = RequestBody::Mode::File;
    body.filePath = path;
    setBody(composer, body);
    QVERIFY(sent(window).body.isEmpty()); // not loaded: streamed when sent
    window.currentTab()->send();
    QTRY_VERIFY2_WITH_TIMEOUT(recorder.done, qPrintable(QString::number(recorder.body.size())),
                              10000);
    QCOMPARE(recorder.header("Content-Length"), QByteArray::number(noise.size()));
    QCOMPARE(recorder.header("Content-Type"), QByteArray("application/octet-stream"));
    QVERIFY(recorder.header("Transfer-Encoding").isEmpty());
    QCOMPARE(recorder.body.size(), noise.size());
    QVERIFY(recorder.body == noise);
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
}

void tst_MainWindow::hostNamesAreReached()
{
    // Names as users type them: localhost goes through the resolver (this hung before).
    MainWindow window;
    window.show();
    const QString port = window.demoUrl().section(u':', -1);
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://localhost:%1/users/42").arg(port));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                ->toPlainText()
                .contains(QStringLiteral("Host: localhost:%1\\r\\n").arg(port)));
}

void tst_MainWindow::responseBrokenAfterItsHeadEnds()
{
    // A valid head, then a chunk size that is not hex, and the connection stays open: the
    // exchange ends at once with Node's error, the head shown, and a line saying what broke.
    RawPeer peer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://localhost:%1/").arg(peer.server.serverPort()));
    window.currentTab()->send();
    auto *send = window.findChild<QPushButton *>(QStringLiteral("send"));
    QTRY_COMPARE(send->text(), QStringLiteral("Send"));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("HTTP/1.1 200 OK"));
    const QString hint = window.findChild<ResponseView *>()->hintText();
    QVERIFY2(hint.startsWith(QStringLiteral("HPE_INVALID_CHUNK_SIZE: ")), qPrintable(hint));
    QVERIFY(hint.contains(QStringLiteral("broke after its head")));
    QStringList events;
    auto *model = window.findChild<ResponseView *>()->eventsModel();
    for (int row = 0; row < model->rowCount(); ++row)
        events << model->index(row, 1).data().toString();
    QCOMPARE(events.mid(events.size() - 4),
             (QStringList{QStringLiteral("response.aborted"), QStringLiteral("close"),
                          QStringLiteral("response.error"), QStringLiteral("response.close")}));
    // History says it broke, not just "200".
    QTRY_VERIFY(window.findChild<QListView *>(QStringLiteral("history"))
                    ->model()
                    ->index(0, 0)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("200 HPE_INVALID_CHUNK_SIZE GET ")));
}

void tst_MainWindow::httpsToAPlainPortSaysWhatToDo()
{
    MainWindow window;
    window.show();
    const QString port = window.demoUrl().section(u':', -1);
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("https://localhost:%1/users/42").arg(port));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("EPROTO"));
    const QString hint = window.findChild<ResponseView *>()->hintText();
    QVERIFY2(hint.startsWith(QStringLiteral("EPROTO: write EPROTO")), qPrintable(hint));
    QVERIFY(hint.contains(QStringLiteral("wrong version number")));
    QVERIFY(hint.endsWith(QStringLiteral(" — The server answered in plain HTTP, not TLS: try "
                                         "http:// instead of https://.")));
    QTRY_VERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))
                    ->toPlainText()
                    .contains(QStringLiteral("→ nothing sent")));
}

void tst_MainWindow::poolDockLightsTheSocketOfTheResponseShown()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    PoolDock *pool = window.poolDock();
    pool->setSource(PoolDock::AppHttp);
    // Two sends in one tab: the second goes out on the first's socket (the app's Agent keeps
    // it alive); the response says so, and the pool dock lights that socket.
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QTRY_VERIFY(window.currentTab()->run()->isDone());
    const quint64 first = window.currentTab()->connectionShown().second.socket;
    QVERIFY(first > 0);
    // Back in agent.freeSockets before the second send.
    QTRY_VERIFY(!pool->model()->state().groups().empty() &&
                pool->model()->state().groups().front().free == 1);
    QCOMPARE(pool->lanes()->selectedSocket(), first);
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("details"))
                 ->text()
                 .contains(QLatin1String("reused")));
    window.currentTab()->send();
    QTRY_VERIFY(window.currentTab()->run()->isDone());
    QCOMPARE(window.currentTab()->connectionShown().second.socket, first);
    QVERIFY(window.currentTab()->connectionShown().second.reused);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("details"))
                ->text()
                .contains(QStringLiteral("socket #%1, reused").arg(first)));
    const auto &group = pool->model()->state().groups().front();
    QCOMPARE(group.sockets[size_t(pool->model()->state().socketIndex(0, first))].served(), 2);
    // A history entry keeps its socket: shown again, it lights it again.
    pool->lanes()->selectSocket({}, 0);
    auto *history = window.findChild<QListView *>(QStringLiteral("history"));
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                      history->visualRect(history->model()->index(0, 0)).center());
    QCOMPARE(pool->lanes()->selectedSocket(), first);
    // Watching the playground, nothing is switched away from under the user.
    pool->setSource(PoolDock::Playground);
    window.currentTab()->send();
    QTRY_VERIFY(window.currentTab()->run()->isDone());
    QCOMPARE(pool->source(), int(PoolDock::Playground));
}

void tst_MainWindow::historyBringsBackItsResponse()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *history = window.findChild<QListView *>(QStringLiteral("history"));
    const int before = history->model()->rowCount();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/stream"));
    window.currentTab()->send();
    QTRY_COMPARE(history->model()->rowCount(), before + 1);
    auto *response = window.findChild<ResponseView *>();
    const QString wire = window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))->toPlainText();
    const QString body =
        window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://127.0.0.1:1/"));
    window.currentTab()->send();
    QTRY_COMPARE(history->model()->rowCount(), before + 2);
    QCOMPARE(tabText(window, "", 1), QStringLiteral("Headers")); // not the last response's count

    // One click on the older entry: its request and its own response come back.
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                      history->visualRect(history->model()->index(1, 0)).center());
    QCOMPARE(window.findChild<ComposerWidget *>()->request().url,
             window.demoUrl() + QStringLiteral("/stream"));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("HTTP/1.1 200 OK"));
    QCOMPARE(response->headersModel()->index(0, 0).data().toString(),
             QStringLiteral("Content-Type"));
    QCOMPARE(response->trailersModel()->index(0, 0).data().toString(),
             QStringLiteral("X-Checksum"));
    QCOMPARE(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText(),
             body);
    QCOMPARE(window.findChild<QPlainTextEdit *>(QStringLiteral("wire"))->toPlainText(), wire);
    QCOMPARE(response->eventsModel()->index(0, 1).data().toString(), QStringLiteral("socket"));
    QVERIFY(!response->timingBar()->phases().isEmpty());
    QVERIFY(!window.isWindowModified());
    // And the failed one, its error and hint.
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                      history->visualRect(history->model()->index(0, 0)).center());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("ECONNREFUSED"));
    QVERIFY(response->hintText().contains(QStringLiteral("Nothing is listening")));
    QCOMPARE(response->headersModel()->rowCount(), 0);
    QCOMPARE(tabText(window, "", 1), QStringLiteral("Headers"));
}

void tst_MainWindow::openingAnEntryWhileARequestRunsKeepsIt()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *history = window.findChild<QListView *>(QStringLiteral("history"));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QTRY_VERIFY(history->model()->rowCount() > 0);
    const int before = history->model()->rowCount();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/slow"));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("Waiting…"));
    // A click on the older entry while /slow runs: it opens in a tab of its own, and /slow
    // goes on in its tab.
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                      history->visualRect(history->model()->index(0, 0)).center());
    QCOMPARE(window.tabs()->count(), 2);
    auto status = [&window](int tab) {
        return window.tabs()->tab(tab)->findChild<QLabel *>(QStringLiteral("status"))->text();
    };
    QCOMPARE(status(1), QStringLiteral("HTTP/1.1 200 OK"));
    QCOMPARE(status(0), QStringLiteral("Waiting…"));
    QVERIFY(window.tabs()->tab(0)->run() && !window.tabs()->tab(0)->run()->isDone());
    // Closing the tab that runs cancels its request; history keeps it.
    QVERIFY(window.tabs()->closeTab(0)); // sent, so nothing unsaved: not asked
    QCOMPARE(window.tabs()->count(), 1);
    QTRY_COMPARE(history->model()->rowCount(), before + 1);
    QVERIFY(history->model()->index(0, 0).data().toString().startsWith(
        QStringLiteral("ECANCELED GET ")));
    QVERIFY(history->model()->index(0, 0).data().toString().endsWith(QStringLiteral("/slow")));
    QCOMPARE(status(0), QStringLiteral("HTTP/1.1 200 OK")); // the entry shown stays
}

void tst_MainWindow::openingARequestClearsTheOldResponse()
{
    MainWindow window;
    window.show();
    QVERIFY(window.currentTab()->save(QStringLiteral("stale"), QStringLiteral("refused")));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QTRY_VERIFY(tabText(window, "", 1).startsWith(QStringLiteral("Headers (")));
    // Opening a request already open goes to its tab, as it is.
    Request other = window.currentTab()->request();
    window.tabs()->open(other);
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("HTTP/1.1 200 OK"));
    // Another one replaces the tab's (unchanged) request, and its old response.
    other.name = QStringLiteral("other");
    QString error;
    QVERIFY2(window.session()->workspace()->saveRequest(other, &error), qPrintable(error));
    window.tabs()->open(other);
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
             QStringLiteral("No response yet"));
    QCOMPARE(tabText(window, "", 1), QStringLiteral("Headers"));
    QVERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))
                ->toPlainText()
                .isEmpty());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("stale/other")));
}

void tst_MainWindow::saveDialogProposesACleanName()
{
    QCOMPARE(SaveRequestDialog::suggestName("POST", QStringLiteral("http://127.0.0.1:8080/x")),
             QStringLiteral("POST x"));
    QCOMPARE(SaveRequestDialog::suggestName("GET", QStringLiteral("{{base}}/users/{{id}}?v=1")),
             QStringLiteral("GET users id"));
    QCOMPARE(SaveRequestDialog::suggestName("GET", QStringLiteral("https://api.test")),
             QStringLiteral("GET api.test"));
    // Typed without a scheme, as people do.
    QCOMPARE(SaveRequestDialog::suggestName("GET", QStringLiteral("localhost:8080/slow")),
             QStringLiteral("GET slow"));
    QCOMPARE(SaveRequestDialog::suggestName("GET", QStringLiteral("localhost:8080")),
             QStringLiteral("GET localhost"));
    for (const auto &[collection, name] : {std::pair{QString(), QStringLiteral("..")},
                                           {QStringLiteral("a/../.."), QStringLiteral("x")},
                                           {QString(), QStringLiteral("POST /x")},
                                           {QString(), QStringLiteral("  ")},
                                           {QStringLiteral("a\\b"), QStringLiteral("x")}})
        QVERIFY2(!Workspace::checkRequestName(collection, name).isEmpty(), qPrintable(name));
    QVERIFY(Workspace::checkRequestName(QStringLiteral("demo/users"), QStringLiteral("GET x"))
                .isEmpty());
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(!window.session()->workspace()->saveRequest(
        Request{QStringLiteral(".."), QStringLiteral("escape")}, &error));
    QVERIFY(!QFile::exists(m_workspace.filePath(QStringLiteral("escape.json"))));

    // Ctrl+S: the dialog proposes a name with no folder in it; a bad one disables Save.
    bool seen = false;
    QTimer::singleShot(50, &window, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("saveName"));
        QCOMPARE(name->text(), QStringLiteral("GET users 42"));
        auto *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        name->setText(QStringLiteral("../up"));
        QVERIFY(!save->isEnabled());
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("saveProblem"))->text().isEmpty());
        name->setText(QStringLiteral("Ada"));
        dialog->findChild<QComboBox *>(QStringLiteral("saveCollection"))
            ->setCurrentText(QStringLiteral("people"));
        QVERIFY(save->isEnabled());
        seen = true;
        save->click();
    });
    QVERIFY(window.currentTab()->saveInteractively());
    QVERIFY(seen);
    QVERIFY(QFile::exists(m_workspace.filePath(QStringLiteral("requests/people/Ada.json"))));
    QCOMPARE(window.windowTitle(), QStringLiteral("people/Ada[*] — Wirebench"));
}

void tst_MainWindow::unsavedChangesAreMarkedAndAsked()
{
    MainWindow window;
    window.show();
    QVERIFY(window.currentTab()->save(QStringLiteral("marks"), QStringLiteral("one")));
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    const QString saved = url->text();
    QVERIFY(!window.isWindowModified());
    url->setText(saved + QStringLiteral("?edited"));
    QTRY_VERIFY(window.isWindowModified()); // the title shows it, and the tab a dot
    QTRY_COMPARE(window.tabs()->tabText(0), QStringLiteral("one \u25cf"));
    // Opening the saved request again goes to its tab, changes kept.
    window.tabs()->newTab();
    for (const Request &r : window.session()->workspace()->requests())
        if (r.path() == QLatin1String("marks/one"))
            window.tabs()->open(r);
    QCOMPARE(window.tabs()->currentIndex(), 0);
    QCOMPARE(url->text(), saved + QStringLiteral("?edited"));
    // Closing it asks; Cancel keeps it, Discard lets it go.
    bool asked = false;
    answerNextMessageBox(QMessageBox::Cancel, &asked);
    QVERIFY(!window.tabs()->closeTab(0));
    QVERIFY(asked);
    QCOMPARE(window.tabs()->count(), 2);
    asked = false;
    answerNextMessageBox(QMessageBox::Discard, &asked);
    QVERIFY(window.tabs()->closeTab(0));
    QVERIFY(asked);
    QCOMPARE(window.tabs()->count(), 1);
    QVERIFY(!window.isWindowModified());
    // The last tab closed leaves a new one to type in.
    QVERIFY(window.tabs()->closeTab(0));
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("New request"));
}

void tst_MainWindow::curlPastedIntoTheUrl()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // As a browser's "Copy as cURL" gives it: several lines with continuations.
    QGuiApplication::clipboard()->setText(
        QStringLiteral("curl '%1/echo' \\\n  -u 'ada:pw' \\\n  -d 'a=1&b=2'")
            .arg(window.demoUrl()));
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    url->selectAll();
    QTest::keySequence(url, QKeySequence::Paste);
    auto *composer = window.findChild<ComposerWidget *>();
    QCOMPARE(composer->request().url, window.demoUrl() + QStringLiteral("/echo"));
    QCOMPARE(composer->request().method, QByteArray("POST"));
    QCOMPARE(composer->request().auth.type, RequestAuth::Type::Basic);
    QCOMPARE(composer->request().auth.user, QStringLiteral("ada"));
    QCOMPARE(composer->request().body.mode, RequestBody::Mode::Form);
    QCOMPARE(composer->request().body.fields.size(), 2);
    QVERIFY(
        composer->request().enabledHeaders().isEmpty()); // the form type comes from the Body tab
    window.currentTab()->send();
    QTRY_VERIFY(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))
                    ->toPlainText()
                    .contains(QStringLiteral("\"body\": \"a=1&b=2\"")));
}

void tst_MainWindow::waitingTimeRuns()
{
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/slow"));
    window.currentTab()->send();
    auto *status = window.findChild<QLabel *>(QStringLiteral("status"));
    auto *details = window.findChild<QLabel *>(QStringLiteral("details"));
    QTRY_COMPARE(status->text(), QStringLiteral("Waiting…"));
    const QString first = details->text();
    QTRY_VERIFY(details->text() != first && status->text() == QStringLiteral("Waiting…"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("HTTP/1.1 200 OK"), 5000);
}

void tst_MainWindow::messagesKeepTheirSpace()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("composerTabs"));
    const int top = tabs->mapTo(&window, QPoint()).y();
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setText(QStringLiteral("{{missing}}/x"));
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("send")), Qt::LeftButton);
    auto *problem = window.findChild<QLabel *>(QStringLiteral("problem"));
    QTRY_VERIFY(problem->isVisible());
    QCOMPARE(problem->text(), QStringLiteral("{{missing}} is not in the active environment"));
    QCOMPARE(tabs->mapTo(&window, QPoint()).y(), top);
    url->setText(window.demoUrl() + QStringLiteral("/x")); // fixed: the message goes
    QTRY_VERIFY(!problem->isVisible());
    QCOMPARE(tabs->mapTo(&window, QPoint()).y(), top);
}

void tst_MainWindow::prettySaysWhereJsonIsInvalid()
{
    MainWindow window;
    window.show();
    RequestBody body;
    body.mode = RequestBody::Mode::Raw;
    body.rawType = QStringLiteral("application/json");
    body.text = QStringLiteral("{\n  \"a\": 1,\n  \"b\" 2\n}");
    auto *composer = window.findChild<ComposerWidget *>();
    setBody(composer, body);
    auto *editor = window.findChild<BodyEditor *>();
    QVERIFY(!editor->prettify());
    QVERIFY2(editor->prettyProblem().startsWith(QStringLiteral("Not valid JSON at line 3, column")),
             qPrintable(editor->prettyProblem()));
    QCOMPARE(composer->request().body.text, body.text); // untouched
}

void tst_MainWindow::emptyBodySaysSo()
{
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(window.demoUrl() + QStringLiteral("/cookies"));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 204 No Content"));
    QCOMPARE(window.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->placeholderText(),
             QStringLiteral("No body: a 204 response has none"));
}

void tst_MainWindow::interimFloodIsCounted()
{
    // 2000 interim answers before the real one: the exchange ends, the Events tab keeps a run's
    // first ones and counts the rest, and history stays small.
    QByteArray flood;
    for (int i = 0; i < 2000; ++i)
        flood += "HTTP/1.1 102 Processing\r\n\r\n";
    RawPeer peer(flood + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    MainWindow window;
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("url"))
        ->setText(QStringLiteral("http://localhost:%1/").arg(peer.server.serverPort()));
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    auto *model = window.findChild<ResponseView *>()->eventsModel();
    QTRY_VERIFY(model->rowCount() > 0 && model->index(model->rowCount() - 1, 1).data().toString() ==
                                             QStringLiteral("response.close"));
    QStringList events;
    for (int row = 0; row < model->rowCount(); ++row)
        events << model->index(row, 1).data().toString();
    QCOMPARE(events.count(QStringLiteral("information")), int(Exchange::kEventRunKept));
    QVERIFY(events.contains(QStringLiteral("… 1950 more information, counted, not kept")));
    QVERIFY(model->rowCount() < 100);
    QTRY_VERIFY(!window.session()->workspace()->history().isEmpty());
    QVERIFY(QJsonDocument(window.session()->workspace()->history().last()).toJson().size() <
            100 * 1024);
}

void tst_MainWindow::sendingASavedRequestKeepsItsMark()
{
    MainWindow window;
    window.show();
    QVERIFY(window.currentTab()->save(QStringLiteral("marks"), QStringLiteral("sent")));
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setText(url->text() + QStringLiteral("?v=2"));
    QTRY_VERIFY(window.isWindowModified());
    window.currentTab()->send();
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("status"))->text(),
                 QStringLiteral("HTTP/1.1 200 OK"));
    QVERIFY(window.currentTab()->isModified()); // its file still holds the old URL
    // Closing its tab asks; Cancel keeps it.
    bool asked = false;
    answerNextMessageBox(QMessageBox::Cancel, &asked);
    QVERIFY(!window.tabs()->closeTab(0));
    QVERIFY(asked);
}

void tst_MainWindow::keysReachTheWindowFromTheUrl()
{
    // Ctrl+E is end-of-line to a line edit on X11: from the URL field it still opens the
    // environments.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    auto *url = window.findChild<QLineEdit *>(QStringLiteral("url"));
    url->setFocus();
    bool opened = false;
    auto *timer = new QTimer(&window);
    timer->setInterval(10);
    connect(timer, &QTimer::timeout, timer, [&] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            opened = dialog->windowTitle() == QStringLiteral("Environments");
            dialog->reject();
            timer->stop();
        }
    });
    timer->start();
    QTest::keyClick(url, Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(opened);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
