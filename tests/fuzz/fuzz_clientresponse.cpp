// libFuzzer target: a client request (ClientRequest, IncomingMessage) whose valid request is
// answered with arbitrary bytes in arbitrary splits by a peer on a socketpair, which then
// half-closes or closes. Flags: bit 0 HEAD, bit 1 CONNECT, bit 2 the answer starts with a valid
// status line (the fuzzer then works on fields, framing and bodies), bit 3 lenient parser,
// bit 4 close instead of half-close, bit 5 a request body.
#include "clientrequest.h"
#include "fuzzinput.h"
#include "fuzzpeer.h"
#include "incomingmessage.h"
#include "streamsocket.h"

#include <QCoreApplication>
#include <QIODevice>

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzInput input(data, size);
    FuzzPeer peer;
    const qintptr nearEnd = peer.takeNearEnd();

    http::ClientRequest::Options options;
    options.host = QStringLiteral("fuzz.test");
    options.method = input.flag(1)   ? "CONNECT"
                     : input.flag(0) ? "HEAD"
                     : input.flag(5) ? "POST"
                                     : "GET";
    options.path = input.flag(1) ? "fuzz.test:80" : "/";
    options.maxHeaderSize = 2048;
    options.insecureHTTPParser = input.flag(3);
    options.createConnection = [nearEnd](const http::Agent::ConnectOptions &) {
        return new http::StreamSocket(nearEnd);
    };
    auto request = std::make_unique<http::ClientRequest>(options);
    bool closed = false;
    QObject::connect(request.get(), &http::ClientRequest::responseReceived, request.get(),
                     [](http::IncomingMessage *response) { response->resume(); });
    QObject::connect(request.get(), &http::ClientRequest::closed, request.get(),
                     [&closed] { closed = true; });
    const auto tunnel = [](http::IncomingMessage *, QIODevice *socket, const QByteArray &) {
        socket->close();
    };
    QObject::connect(request.get(), &http::ClientRequest::upgradeResponded, request.get(), tunnel);
    QObject::connect(request.get(), &http::ClientRequest::connectResponded, request.get(), tunnel);
    request->end(input.flag(5) ? QByteArray("body") : QByteArray());
    peer.settle();

    if (input.flag(2))
        peer.send("HTTP/1.1 200 OK\r\n");
    while (!input.atEnd())
        peer.send(input.nextChunk());
    if (input.flag(4))
        peer.close();
    else
        peer.shutdownWrite();
    // Every request ends: with the peer's bytes all read and its side closed, the request is
    // closed (answered, or failed with an error).
    if (!closed)
        std::abort();
    request.reset();
    peer.settle();
    return 0;
}
