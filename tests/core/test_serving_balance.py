"""Connections shared between gunicorn's workers (vnportal/core/serving.py, BalancedThreadWorker).

gthread accepts whenever it is woken; under a burst one worker could take every connection and
keep it (keep-alive), the other idling: half the throughput, in half the benchmark runs. The
worker here stops accepting while each of its threads has a request, and accepts again when
one finishes. The worker's own loop is driven by hand with stand-ins for its poller and pool."""

import selectors
from concurrent.futures import Future
from types import SimpleNamespace

from gunicorn.workers.gthread import ThreadWorker

from vnportal.core.serving import BalancedThreadWorker


class Poller:
    def __init__(self):
        self.registered = set()

    def register(self, fileobj, events, data=None):
        assert events == selectors.EVENT_READ
        self.registered.add(fileobj)

    def unregister(self, fileobj):
        self.registered.discard(fileobj)


class Listener:
    def setblocking(self, flag):
        pass


class Pool:
    def __init__(self):
        self.futures = []

    def submit(self, fn, conn):
        future = Future()
        self.futures.append(future)
        return future


class Queue:
    def defer(self, fn, *args):
        fn(*args)


def worker(cls, threads=2):
    w = cls.__new__(cls)
    # What ThreadWorker.__init__ and init_process set up, without a process around them.
    w.cfg = SimpleNamespace(threads=threads, worker_connections=1000, keepalive=5)
    w.sockets = [Listener()]
    w.poller, w.tpool, w.method_queue = Poller(), Pool(), Queue()
    w.worker_connections, w.nr_conns, w._accepting, w.alive = 1000, 0, False, True
    if cls is BalancedThreadWorker:
        w._in_flight = 0
    return w


def closed_connection():
    """A connection whose request ended without keep-alive: finish_request closes it."""
    return SimpleNamespace(close=lambda graceful=False: None)


def test_a_worker_with_every_thread_busy_stops_accepting_until_one_is_free():
    w = worker(BalancedThreadWorker, threads=2)
    listener = w.sockets[0]
    w.set_accept_enabled(True)
    assert listener in w.poller.registered
    first, second = closed_connection(), closed_connection()
    for conn in (first, second):
        w.nr_conns += 1
        w.enqueue_req(conn)
        w.set_accept_enabled(w.nr_conns < w.worker_connections)  # what the run loop does next
    assert listener not in w.poller.registered  # both threads busy: the other workers accept
    done = w.tpool.futures[0]
    done.set_result(False)  # the request ended, connection closed
    assert listener in w.poller.registered  # a thread is free: accepting again
    assert w._in_flight == 1 and w.nr_conns == 1


def test_a_stopping_worker_does_not_start_accepting_again():
    w = worker(BalancedThreadWorker, threads=1)
    w.set_accept_enabled(True)
    w.nr_conns += 1
    w.enqueue_req(closed_connection())
    w.set_accept_enabled(False)  # the run loop's graceful stop
    w.alive = False
    w.tpool.futures[0].set_result(False)
    assert w.sockets[0] not in w.poller.registered


def test_gunicorns_own_worker_keeps_accepting_however_busy():
    """What the class changes: gthread alone accepts with every thread busy (so this test can
    tell the two apart)."""
    w = worker(ThreadWorker, threads=2)
    w.set_accept_enabled(True)
    for _ in range(3):
        w.nr_conns += 1
        w.enqueue_req(closed_connection())
        w.set_accept_enabled(w.nr_conns < w.worker_connections)
    assert w.sockets[0] in w.poller.registered
