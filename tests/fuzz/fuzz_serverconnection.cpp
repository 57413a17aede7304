// libFuzzer target: a server connection (Server, ServerConnection, IncomingMessage,
// ServerResponse) fed arbitrary bytes in arbitrary splits by a peer on a socketpair, which then
// half-closes or closes. Flags: bit 0 lenient parser, bit 1 close instead of half-close, bit 2
// the handler answers before the body ends. The handler's answer depends on the URL, so the
// fuzzer reaches chunked answers, 1xx, early hints, destroy and upgrades.
#include "fuzzinput.h"
#include "fuzzpeer.h"
#include "incomingmessage.h"
#include "server.h"
#include "serverresponse.h"

#include <QCoreApplication>
#include <QIODevice>

#include <cstdlib>

namespace {

void respond(http::IncomingMessage *req, http::ServerResponse *res)
{
    const QByteArray url = req->url();
    if (url.startsWith("/destroy")) {
        req->destroy();
    } else if (url.startsWith("/chunked")) {
        res->write("a");
        res->write(url);
        res->addTrailers({{"X-Url-Length", QByteArray::number(url.size())}});
        res->end();
    } else if (url.startsWith("/early")) {
        res->writeEarlyHints({"</style.css>; rel=preload"});
        res->writeProcessing();
        res->end("hinted");
    } else if (url.startsWith("/length")) {
        res->setHeader("Content-Length", "3");
        res->end("abc");
    } else if (url.startsWith("/204")) {
        res->writeHead(204);
        res->end();
    } else {
        res->setHeader("Content-Type", "text/plain");
        res->end(req->method() + ' ' + url);
    }
}

http::Server *makeServer(bool lenient, bool early)
{
    http::ServerOptions options;
    options.insecureHTTPParser = lenient;
    options.maxHeaderSize = 2048; // small, so the fuzzer reaches the limit
    auto *server = new http::Server(options);
    QObject::connect(server, &http::Server::requestReceived, server,
                     [early](http::IncomingMessage *req, http::ServerResponse *res) {
                         if (early)
                             return respond(req, res);
                         QObject::connect(req, &http::IncomingMessage::ended, res,
                                          [req, res] { respond(req, res); });
                         req->resume();
                     });
    const auto tunnel = [](http::IncomingMessage *, QIODevice *socket, const QByteArray &head) {
        socket->write("HTTP/1.1 101 Switching Protocols\r\n\r\n" + head);
        socket->close();
    };
    QObject::connect(server, &http::Server::upgradeRequested, server, tunnel);
    QObject::connect(server, &http::Server::connectRequested, server, tunnel);
    return server;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static http::Server *servers[4] = {makeServer(false, false), makeServer(true, false),
                                       makeServer(false, true), makeServer(true, true)};
    FuzzInput input(data, size);
    http::Server *server = servers[(input.flag(0) ? 1 : 0) + (input.flag(2) ? 2 : 0)];
    FuzzPeer peer;
    server->serveConnection(peer.takeNearEnd());
    while (!input.atEnd())
        peer.send(input.nextChunk());
    if (input.flag(1))
        peer.close();
    else
        peer.shutdownWrite();
    // Every connection ends once its peer has gone: nothing waits for bytes that cannot come.
    if (server->connectionCount() != 0)
        std::abort();
    return 0;
}
