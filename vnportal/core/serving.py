"""gunicorn without its banner, and with connections shared fairly between its workers.

gunicorn writes ``Server: gunicorn`` on every response itself (``Response.default_headers``)
and, in the version pinned (27.x), has no setting to leave it out; a header the application
sets is dropped as hop-by-hop. Telling every client which server runs (and so which advisories
apply) helps nobody but an attacker, so the line is filtered out of the headers gunicorn
writes. Both ways of serving call this: ``deploy/gunicorn.conf.py`` and ``vnportal run``.
"""

from gunicorn.http import wsgi
from gunicorn.workers.gthread import ThreadWorker


def hide_server_header():
    """Patch gunicorn's HTTP/1 response so it sends no ``Server`` header (idempotent)."""
    response = wsgi.Response
    if getattr(response, "_vnportal_no_server_header", False):
        return
    original = response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    response.default_headers = default_headers
    response._vnportal_no_server_header = True


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, except that a worker whose threads are all busy leaves new
    connections to the other workers.

    Every worker polls the same listening socket, and gthread accepts whenever it is woken,
    however busy its threads are. Under a burst of new connections (a crawler, nginx opening its
    upstream keep-alives, a benchmark's 50) the worker that woke first took nearly all of them,
    and a keep-alive connection stays with the worker that accepted it: on 2 workers, in 4 runs
    of 8 one worker served every connection while the other idled, and the portal answered half
    as many requests (docs/performance.md, "Connections between workers"). Here a worker stops
    polling the listening socket while it has a request in flight on every thread, and resumes
    when one finishes; the connections it leaves wait in the kernel's queue for a worker with a
    free thread, as they would have waited in its own queue. Its kept-alive connections are its
    own as before.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._in_flight = 0  # requests handed to the thread pool and not finished (main thread only)

    def enqueue_req(self, conn):
        self._in_flight += 1
        super().enqueue_req(conn)

    def finish_request(self, conn, fs):
        self._in_flight -= 1
        super().finish_request(conn, fs)
        # The run loop re-enables accepting only when its own condition changes: ask again now
        # (not once stopping: the run loop has stopped accepting for good then).
        if self.alive:
            self.set_accept_enabled(self.nr_conns < self.worker_connections)

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled and self._in_flight < self.cfg.threads)
