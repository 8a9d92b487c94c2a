"""The receiving end of nginx's beacon log: a unix datagram socket drained by a process
of its own, which hands the lines to the counting process through a pipe.

Why a process and not a thread: nginx writes to the socket without blocking and drops
the line when the socket's queue is full, and that queue is short: Linux queues at most
``net.unix.max_dgram_qlen`` + 1 datagrams (11 by default; SO_RCVBUF does not raise it for
unix datagram sockets) and each nginx worker at most its send buffer (~170 lines of
500 bytes). At 5,000 beacons/s that is 2 ms to 35 ms of slack. A reader *thread* beside
the counting thread waits for the GIL after every ``recv`` (the convoy effect): measured
here, it received 6,246 of 25,000 datagrams sent at 5,000/s. This process holds no other
thread and does nothing but receive, so it is back in ``recv`` within microseconds, and
it keeps what the counter has not taken yet in memory (up to ``max_queue_bytes``).

The lines are opaque bytes here, one per datagram; only the operator's error messages
come from Django (translated).
"""

import errno
import fcntl
import logging
import multiprocessing
import os
import select
import signal
import socket
import stat
import time
from collections import deque

from django.utils.translation import gettext as _

logger = logging.getLogger("vnportal.stats.ingest")

MAX_DATAGRAM = 65536  # nginx's longest line is bounded by its 8 KB request headers
DRAIN_LIMIT = 10_000  # datagrams per pass, so a flood cannot starve the hand-over
CHUNK_BYTES = 1 << 20  # bytes handed over per pipe write
PIPE_BYTES = 1 << 20  # pipe capacity asked of the kernel (F_SETPIPE_SZ)
QLEN_SYSCTL = "/proc/sys/net/unix/max_dgram_qlen"
RECOMMENDED_QLEN = 512
REPORT_EVERY = 60  # seconds between "lines dropped" warnings


class SocketError(Exception):
    """The socket cannot be set up (the message says why, for the operator)."""


def max_dgram_qlen():
    try:
        with open(QLEN_SYSCTL, encoding="ascii") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _in_use(path):
    """Is a live socket bound at ``path``? (connect succeeds only to a bound datagram socket)"""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        probe.connect(path)
        return True
    except OSError:
        return False
    finally:
        probe.close()


def bind(path, group=None, mode=0o660):
    """Bind the datagram socket nginx writes to, writable by ``group`` (nginx's user must
    be a member). A socket left by a stopped ingester is replaced; a live one is not."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None:
        if not stat.S_ISSOCK(existing.st_mode):
            raise SocketError(_("%(path)s exists and is not a socket") % {"path": path})
        if _in_use(path):
            raise SocketError(_("%(path)s is in use by another running ingester") % {"path": path})
        try:
            os.unlink(path)
        except OSError as exc:
            raise SocketError(
                _("cannot remove the old socket %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from None
    gid = -1
    if group:
        import grp

        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise SocketError(_("no such group: %(group)s") % {"group": group}) from None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind(path)
        os.chown(path, -1, gid)
        os.chmod(path, mode)
    except OSError as exc:
        sock.close()
        raise SocketError(_("cannot bind %(path)s: %(error)s") % {"path": path, "error": exc.strerror}) from None
    return sock


def _receive(sock, out_fd, parent_pid, max_queue_bytes, ready):
    """The receiving process: datagrams in, newline-separated lines out to the pipe.

    On SIGTERM/SIGINT it drains what is already queued on the socket, closes it, hands
    everything over and exits; the counter sees the end of the pipe and finishes."""
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # A signal also wakes select() at once (Python writes its number to this pipe).
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    ready.set()
    sock.setblocking(False)
    os.set_blocking(out_fd, False)
    queue, queued = deque(), 0
    out = memoryview(b"")
    dropped, reported_at = 0, time.monotonic()

    def drain():
        nonlocal queued, dropped
        for _ in range(DRAIN_LIMIT):
            try:
                data = sock.recv(MAX_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                return
            if b"\n" in data:  # nginx's JSON escaping leaves none; never let one split a line
                data = data.replace(b"\n", b" ")
            if queued + len(data) >= max_queue_bytes:
                dropped += 1
                continue
            queue.append(data)
            queued += len(data) + 1

    try:
        while True:
            if os.getppid() != parent_pid:
                return  # the counter is gone: nothing would count these lines
            if stopping and sock is not None:
                drain()  # what nginx already sent is counted
                sock.close()
                sock = None
            if not out and queue:
                parts, size = [], 0
                while queue and size < CHUNK_BYTES:
                    line = queue.popleft()
                    parts.append(line)
                    size += len(line) + 1
                queued -= size
                parts.append(b"")
                out = memoryview(b"\n".join(parts))
            if sock is None and not out:
                return
            readable = [sock, wake_r] if sock is not None else [wake_r]
            writable = [out_fd] if out else []
            try:
                r, w, _ = select.select(readable, writable, [], 1.0)
            except InterruptedError:
                continue
            if wake_r in r:
                try:
                    os.read(wake_r, 64)
                except BlockingIOError:
                    pass
            if sock is not None and sock in r:
                drain()
            if w:
                try:
                    out = out[os.write(out_fd, out) :]
                except BlockingIOError:
                    pass
            if dropped and time.monotonic() - reported_at > REPORT_EVERY:
                logger.warning("Beacon queue full (%d bytes): %d beacons dropped", max_queue_bytes, dropped)
                dropped, reported_at = 0, time.monotonic()
    except BrokenPipeError:
        return
    finally:
        if dropped:
            logger.warning("Beacon queue full (%d bytes): %d beacons dropped", max_queue_bytes, dropped)
        os.close(out_fd)


class Receiver:
    """Starts the receiving process on a bound socket; ``batches()`` yields the lines."""

    def __init__(self, sock, max_queue_bytes=256 * 1024 * 1024):
        read_fd, write_fd = os.pipe()
        try:
            fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:
            pass  # the default 64 KB pipe works too, with more wake-ups
        context = multiprocessing.get_context("fork")
        ready = context.Event()
        self.process = context.Process(
            target=_receive, args=(sock, write_fd, os.getpid(), max_queue_bytes, ready), name="vnportal-beacon-receiver"
        )
        self.process.start()
        # From here on a stop request is a clean stop, never a kill of a half-started child.
        if not ready.wait(30):
            self.process.kill()
            raise SocketError(_("the beacon receiver did not start"))
        # Only the receiver holds the socket and the pipe's writing end: when it exits,
        # nginx finds no listener and the counter finds the end of the pipe.
        os.close(write_fd)
        sock.close()
        self._fd = read_fd

    def stop(self):
        """Ask the receiver to finish (idempotent)."""
        if self.process.is_alive():
            try:
                os.kill(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def batches(self, max_lines):
        """Lists of at most ``max_lines`` lines, in arrival order, until the receiver exits."""
        rest = b""
        while True:
            try:
                chunk = os.read(self._fd, PIPE_BYTES)
            except OSError as exc:
                if exc.errno == errno.EINTR:
                    continue
                raise
            if not chunk:
                break
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            for start in range(0, len(lines), max_lines):
                yield lines[start : start + max_lines]
        if rest:
            yield [rest]

    def close(self):
        os.close(self._fd)
        self.process.join(timeout=10)
        return self.process.exitcode
