#include "mainwindow.h"

#include "agent.h"
#include "composerwidget.h"
#include "curlcommand.h"
#include "eventsmodel.h"
#include "exchange.h"
#include "incomingmessage.h"
#include "mockengine.h"
#include "mockfile.h"
#include "responseview.h"
#include "wireview.h"

#include <QApplication>
#include <QClipboard>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>

namespace {

// Node's headers object as name/value pairs (lists one pair per value, as Node keeps them).
QByteArrayList joinedPairs(const Headers &headers)
{
    QByteArrayList out;
    for (const Headers::Field &f : headers.fields()) {
        if (f.isList) {
            for (const QByteArray &v : f.values)
                out << f.name << v;
        } else {
            out << f.name << f.values.value(0);
        }
    }
    return out;
}

QString sizeText(qint64 bytes)
{
    return bytes < 10 * 1024 ? QStringLiteral("%1 B").arg(bytes)
                             : QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_composer(new ComposerWidget(this))
    , m_response(new ResponseView(this))
{
    setWindowTitle(tr("Wirebench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wirebench.svg")));
    Agent::Options options;
    options.keepAlive = true;
    m_httpAgent = new Agent(options, this);
    options.protocol = QStringLiteral("https:");
    m_httpsAgent = new Agent(options, this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_composer);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Paste curl command"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                    [this] { importCurl(QGuiApplication::clipboard()->text()); });
    edit->addAction(tr("&Copy as curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                    [this] {
                        QGuiApplication::clipboard()->setText(exportCurl());
                        statusBar()->showMessage(tr("Copied the request as a curl command"), 4000);
                    });
    connect(m_composer, &ComposerWidget::sendRequested, this, &MainWindow::send);
    connect(m_composer, &ComposerWidget::cancelRequested, this, &MainWindow::cancel);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(33);
    connect(&m_refresh, &QTimer::timeout, this, &MainWindow::refresh);
    resize(1000, 720);
    startDemoServer();
}

MainWindow::~MainWindow()
{
    delete m_exchange;
    // The engine and its sockets belong to the server thread: delete them there, then stop it.
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_serverThread.quit();
    m_serverThread.wait();
}

void MainWindow::startDemoServer()
{
    QString error;
    const std::optional<MockFile> demo = MockFile::load(QStringLiteral(":/demo.mock.json"), &error);
    if (!demo) {
        statusBar()->showMessage(tr("The demo mock server could not start: %1").arg(error));
        return;
    }
    m_serverThread.setObjectName(QStringLiteral("mock servers"));
    m_serverThread.start();
    m_engine = new MockEngine;
    m_engine->moveToThread(&m_serverThread);
    HttpError startError;
    // Port 0 when the demo port is taken, so a second window still gets a demo server.
    QMetaObject::invokeMethod(
        m_engine,
        [&] {
            startError = m_engine->start(*demo);
            if (startError && startError.code() == "EADDRINUSE")
                startError = m_engine->start(*demo, {}, 0);
            if (!startError)
                m_demoUrl = m_engine->url(0);
        },
        Qt::BlockingQueuedConnection);
    if (startError) {
        statusBar()->showMessage(
            tr("The demo mock server could not start: %1").arg(startError.message()));
        return;
    }
    statusBar()->showMessage(
        tr("Demo mock server listening on %1 (this machine only)").arg(m_demoUrl));
    m_composer->setRequest("GET", m_demoUrl + QStringLiteral("/users/42"),
                           {{"Accept", "application/json"}});
}

Exchange::Request MainWindow::composedRequest() const
{
    Exchange::Request request;
    request.url = QUrl::fromUserInput(m_composer->url());
    request.method = m_composer->method();
    request.headers = m_composer->headers();
    request.body = m_composer->body();
    request.hasBody = !request.body.isEmpty();
    request.timeout = m_composer->timeoutMs();
    request.insecure = m_composer->acceptInvalidCertificates();
    return request;
}

bool MainWindow::importCurl(const QString &commandLine)
{
    QString error;
    const std::optional<Exchange::Request> request = CurlCommand::parse(commandLine, &error);
    if (!request) {
        m_composer->setProblem(tr("Could not read the curl command: %1").arg(error));
        return false;
    }
    m_composer->setRequest(request->method, request->url.toString(), request->headers,
                           request->body);
    m_composer->setProblem({});
    statusBar()->showMessage(tr("Imported a curl command"), 4000);
    return true;
}

QString MainWindow::exportCurl() const
{
    return CurlCommand::toCurl(composedRequest());
}

void MainWindow::send()
{
    cancel();
    m_response->clear();
    const Exchange::Request request = composedRequest();
    const bool tls = request.url.scheme() == QLatin1String("https");
    Agent *agent = nullptr; // agent: false (a fresh connection, closed after the answer)
    if (m_composer->keepAlive())
        agent = tls ? m_httpsAgent : m_httpAgent;
    m_exchange = new Exchange(request, agent, Exchange::Detail::Full, this);
    m_composer->setBusy(true);
    m_response->setStatus(tr("Sending…"), request.url.toString());
    connect(m_exchange, &Exchange::updated, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    connect(m_exchange, &Exchange::done, this, [this] {
        m_refresh.stop();
        refresh();
        m_composer->setBusy(false);
    });
}

void MainWindow::cancel()
{
    if (m_exchange && !m_exchange->isDone())
        m_exchange->cancel();
}

void MainWindow::refresh()
{
    const Exchange *x = m_exchange;
    if (!x)
        return;
    QList<EventsModel::Row> events;
    for (const Exchange::Event &e : x->events())
        events.append({e.ms, e.name});
    m_response->eventsModel()->update(events);
    QList<WireView::Chunk> chunks;
    for (const Exchange::WireChunk &c : x->wire())
        chunks.append({c.direction == StreamSocket::Direction::Sent, c.bytes, c.ms});
    m_response->wireView()->setChunks(chunks);

    const QString timing = tr("%1 ms · sent %2 · received %3")
                               .arg(x->elapsedMs(), 0, 'f', 1)
                               .arg(sizeText(x->bytesSent()), sizeText(x->bytesReceived()));
    if (IncomingMessage *res = x->response()) {
        m_response->setStatus(QStringLiteral("HTTP/%1 %2 %3")
                                  .arg(QString::fromLatin1(res->httpVersion()))
                                  .arg(res->statusCode())
                                  .arg(QString::fromLatin1(res->statusMessage())),
                              x->error() ? x->error().message() : timing,
                              bool(x->error()) || res->statusCode() >= 400);
        m_response->setHeaders(res->rawHeaders(), joinedPairs(res->headers()));
        m_response->setTrailers(res->rawTrailers());
        m_response->setBody(x->body(), res->headers().value("content-type"));
    } else if (x->error()) {
        m_response->setStatus(QString::fromLatin1(x->error().code()), x->error().message(), true);
    } else {
        m_response->setStatus(tr("Waiting…"), timing);
    }
}
