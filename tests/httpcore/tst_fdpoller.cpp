// FdPoller and FdWatch: readiness from the thread's epoll set (or Qt's notifiers with
// WIREBENCH_POLLER=qt; ctest runs this file both ways).
#include "fdpoller.h"
#include "fdwatch.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <array>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

/// A connected pair of Unix stream sockets, closed on destruction.
struct Pair {
    int fds[2] = {-1, -1};
    Pair() { QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0); }
    ~Pair()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    void send(const char *bytes) { QVERIFY(::write(fds[1], bytes, strlen(bytes)) > 0); }
};

/// A watch that counts what it hears, reads what is readable (as a socket would) and can run
/// an action on the first event.
struct Counter {
    http::FdWatch watch;
    int fd = -1;
    std::vector<unsigned> heard;
    std::function<void()> onFirst;
    void start(int descriptor)
    {
        fd = descriptor;
        watch.start(
            fd,
            [](void *self, unsigned events) {
                auto *c = static_cast<Counter *>(self);
                c->heard.push_back(events);
                char bytes[64];
                if (events & http::FdWatch::Readable)
                    while (::recv(c->fd, bytes, sizeof bytes, 0) > 0) {
                    }
                if (c->heard.size() == 1 && c->onFirst)
                    c->onFirst();
            },
            this);
    }
};

/// Descriptors in this process's epoll sets (the `tfd:` lines of their /proc fdinfo) and the
/// number of sets.
std::pair<int, int> epollEntries()
{
    int sets = 0, entries = 0;
    const QDir dir(QStringLiteral("/proc/self/fd"));
    for (const QString &name : dir.entryList(QDir::Files | QDir::System)) {
        char target[64] = {};
        if (::readlink(qPrintable(dir.filePath(name)), target, sizeof target - 1) <= 0 ||
            !QByteArray(target).contains("eventpoll"))
            continue;
        QFile info(QStringLiteral("/proc/self/fdinfo/") + name);
        if (!info.open(QIODevice::ReadOnly))
            continue;
        ++sets;
        entries += int(info.readAll().count("tfd:"));
    }
    return {sets, entries};
}

/// Makes both pairs readable before either watch is on, so both are ready in the same turn;
/// returns once the turn has run.
void readableTogether(Pair &a, Counter &ca, Pair &b, Counter &cb)
{
    ca.start(a.fds[0]);
    cb.start(b.fds[0]);
    a.send("a");
    b.send("b");
    ca.watch.setRead(true);
    cb.watch.setRead(true);
    QTRY_VERIFY_WITH_TIMEOUT(ca.heard.size() + cb.heard.size() > 0, 5000);
    QTest::qWait(50);
}

bool epoll()
{
    return qstrcmp(http::FdPoller::backend(), "epoll") == 0;
}

} // namespace

class tst_FdPoller : public QObject {
    Q_OBJECT
private slots:
    void onlyTheActiveOneAmongManyIdle();
    void writableAndHangUp();
    void watchRemovedInTheSameTurnIsNotCalled();
    void reusedSlotDoesNotGetTheOldEvent();
    void nothingWantedLeavesTheSet();
    void pollerGoesWithItsLastWatch();
};

void tst_FdPoller::onlyTheActiveOneAmongManyIdle()
{
    constexpr int kIdle = 2000;
    std::vector<std::unique_ptr<Pair>> pairs;
    std::vector<std::unique_ptr<Counter>> counters;
    for (int i = 0; i < kIdle; ++i) {
        pairs.push_back(std::make_unique<Pair>());
        counters.push_back(std::make_unique<Counter>());
        counters.back()->start(pairs.back()->fds[0]);
        counters.back()->watch.setRead(true);
    }
    if (epoll())
        QCOMPARE(epollEntries().second, kIdle);
    pairs[1234]->send("x");
    QTRY_COMPARE_WITH_TIMEOUT(counters[1234]->heard.size(), size_t(1), 5000);
    QCOMPARE(counters[1234]->heard.front(), unsigned(http::FdWatch::Readable));
    QTest::qWait(20);
    for (int i = 0; i < kIdle; ++i)
        if (i != 1234)
            QVERIFY2(counters[i]->heard.empty(), qPrintable(QString::number(i)));
    pairs[7]->send("y");
    QTRY_COMPARE_WITH_TIMEOUT(counters[7]->heard.size(), size_t(1), 5000);
    QCOMPARE(counters[1234]->heard.size(), size_t(1));
}

void tst_FdPoller::writableAndHangUp()
{
    Pair pair;
    Counter c;
    c.start(pair.fds[0]);
    c.watch.setWrite(true);
    QTRY_VERIFY_WITH_TIMEOUT(!c.heard.empty(), 5000);
    QCOMPARE(c.heard.front(), unsigned(http::FdWatch::Writable));
    c.watch.setWrite(false);
    c.watch.setRead(true);
    QTest::qWait(20);
    c.heard.clear();
    ::close(std::exchange(pair.fds[1], -1)); // the peer goes: readable (recv returns 0)
    QTRY_VERIFY_WITH_TIMEOUT(!c.heard.empty(), 5000);
    QVERIFY(c.heard.front() & http::FdWatch::Readable);
    char byte;
    QCOMPARE(::recv(pair.fds[0], &byte, 1, 0), ssize_t(0));
    c.watch.setRead(false); // as a socket does at end of stream
}

void tst_FdPoller::watchRemovedInTheSameTurnIsNotCalled()
{
    // Both are readable in the same turn; whichever is called first stops the other.
    Pair a, b;
    Counter ca, cb;
    ca.onFirst = [&] { cb.watch.stop(); };
    cb.onFirst = [&] { ca.watch.stop(); };
    readableTogether(a, ca, b, cb);
    QCOMPARE(ca.heard.size() + cb.heard.size(), size_t(1));
}

void tst_FdPoller::reusedSlotDoesNotGetTheOldEvent()
{
    // The first one called stops the other and starts a third watch, which takes the freed
    // slot; the stopped one's pending event must not reach it (its descriptor is not readable).
    Pair a, b, quiet;
    Counter ca, cb, cq;
    const auto swap = [&](Counter &other) {
        other.watch.stop();
        cq.start(quiet.fds[0]);
        cq.watch.setRead(true);
    };
    ca.onFirst = [&] { swap(cb); };
    cb.onFirst = [&] { swap(ca); };
    readableTogether(a, ca, b, cb);
    QVERIFY(cq.heard.empty());
    quiet.send("q");
    QTRY_VERIFY_WITH_TIMEOUT(!cq.heard.empty(), 5000);
}

void tst_FdPoller::nothingWantedLeavesTheSet()
{
    // A hung-up descriptor that nobody reads (a full buffer pauses reading) must not be in the
    // epoll set, where it would be reported on every turn.
    if (!epoll())
        QSKIP("the Qt fallback has no epoll set");
    Pair pair;
    Counter c;
    c.start(pair.fds[0]);
    c.watch.setRead(true);
    QCOMPARE(epollEntries().second, 1);
    c.watch.setRead(false);
    QCOMPARE(epollEntries().second, 0);
    ::close(std::exchange(pair.fds[1], -1));
    QTest::qWait(20);
    QVERIFY(c.heard.empty());
    c.watch.setWrite(true);
    QCOMPARE(epollEntries().second, 1);
    QTRY_VERIFY_WITH_TIMEOUT(!c.heard.empty(), 5000);
    c.watch.stop();
}

void tst_FdPoller::pollerGoesWithItsLastWatch()
{
    if (!epoll())
        QSKIP("the Qt fallback opens no descriptor of its own");
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    const int before = epollEntries().first;
    {
        Pair a, b;
        Counter ca, cb;
        ca.start(a.fds[0]);
        cb.start(b.fds[0]);
        QCOMPARE(epollEntries().first, before + 1); // one set for the thread
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCOMPARE(epollEntries().first, before);
}

QTEST_GUILESS_MAIN(tst_FdPoller)
#include "tst_fdpoller.moc"
