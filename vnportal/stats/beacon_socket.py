"""The receiving end of nginx's beacon log: a datagram socket (UDP on the loopback, or a
unix socket) drained by a process of its own, which hands the lines to the counting
processes through pipes.

Nothing is lost silently. Lines that cannot be kept are *shed* and counted: the ones the
kernel dropped because the socket's buffer was full (UDP only: Linux counts them per
socket, read here with ``SO_MEMINFO``; a unix datagram socket refuses the sender instead
and nginx discards the line without a trace, which is why UDP is the production default),
and the ones this process dropped because its memory queue was full. Their number goes to
the counters in the stream itself, as a control line (``SHED_MARK``), and is stored with
the counts (docs/statistics.md, "Beacon at scale").

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
import struct
import time
from collections import deque

from django.utils.translation import gettext as _

logger = logging.getLogger("vnportal.stats.ingest")

MAX_DATAGRAM = 65536  # nginx's longest line is bounded by its 8 KB request headers
DRAIN_LIMIT = 10_000  # datagrams per pass, so a flood cannot starve the hand-over
CHUNK_BYTES = 1 << 20  # bytes handed over per pipe write
PIPE_BYTES = 1 << 20  # pipe capacity asked of the kernel (F_SETPIPE_SZ)
QLEN_SYSCTL = "/proc/sys/net/unix/max_dgram_qlen"
RMEM_MAX_SYSCTL = "/proc/sys/net/core/rmem_max"
RECOMMENDED_QLEN = 512
UDP_RCVBUF = 32 * 1024 * 1024  # ~25,000 beacon datagrams (each takes ~1.3 KB of kernel memory)
# UDP only: after a pass that emptied the socket, the receiver lets datagrams gather this
# long (at most; less when the kernel granted a smaller buffer than UDP_RCVBUF), so one
# wake-up receives a hundred lines rather than one and the counters get fuller batches.
# The socket's buffer holds seconds of beacons; a unix socket's queue holds 11 (no pause).
GATHER_SECONDS = 0.01
GATHER_RATE = 100_000  # beacons/s the granted buffer must absorb during a pause
DATAGRAM_TRUESIZE = 1300  # kernel memory one beacon datagram takes in the receive buffer
BATCH_LINGER = 0.05  # seconds a counting process waits to fill a batch before counting it
REPORT_EVERY = 60  # seconds between "beacons shed" warnings
SHED_EVERY = 1.0  # seconds between shed counts handed to the counters
# A control line: "<mark><n>" tells the counters that n beacons were shed. A datagram that
# begins with the mark is defaced first, so no sender can forge one.
SHED_MARK = b"\x00shed "
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)
SO_MEMINFO = getattr(socket, "SO_MEMINFO", 55)
SK_MEMINFO_DROPS = 8  # index of sk_drops in the SO_MEMINFO array (linux/sock_diag.h)


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


def udp_address(value):
    """``(host, port)`` when ``value`` names a UDP address ("127.0.0.1:5140", "[::1]:5140"),
    else None (a unix socket path)."""
    if value.startswith("/") or ":" not in value:
        return None
    host, _, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        port = int(port)
    except ValueError:
        raise SocketError(_("%(value)s is neither a socket path nor host:port") % {"value": value}) from None
    if not host or not 0 < port < 65536:
        raise SocketError(_("%(value)s is neither a socket path nor host:port") % {"value": value})
    return host, port


def bind_udp(host, port, rcvbuf=UDP_RCVBUF):
    """Bind the UDP socket nginx sends to, with a receive buffer of ``rcvbuf`` bytes (root
    may force it; otherwise the kernel caps it at ``net.core.rmem_max``)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)[0][0]
    except socket.gaierror as exc:
        raise SocketError(_("cannot bind %(path)s: %(error)s") % {"path": f"{host}:{port}", "error": exc}) from None
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        try:
            sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
        except OSError:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SocketError(
            _("cannot bind %(path)s: %(error)s") % {"path": f"{host}:{port}", "error": exc.strerror}
        ) from None
    return sock


def receive_buffer(sock):
    """The receive buffer the kernel granted (it reports twice what it may fill with data)."""
    return sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)


def kernel_drops(sock):
    """Datagrams the kernel dropped on ``sock`` since it was created (its buffer was full),
    or None when the kernel does not count them (a unix socket refuses the sender instead)."""
    if sock.family == socket.AF_UNIX:
        return None
    try:
        info = sock.getsockopt(socket.SOL_SOCKET, SO_MEMINFO, 4 * (SK_MEMINFO_DROPS + 1))
    except OSError:
        return None
    return struct.unpack(f"{SK_MEMINFO_DROPS + 1}I", info)[SK_MEMINFO_DROPS]


def gather_pause(sock):
    """How long the receiver may let datagrams gather in ``sock`` (0 for a unix socket)."""
    if sock.family == socket.AF_UNIX:
        return 0.0
    room = receive_buffer(sock) // DATAGRAM_TRUESIZE
    return min(GATHER_SECONDS, room / GATHER_RATE)


def _receive(sock, out_fds, parent_pid, max_queue_bytes, ready, pause=0.0):
    """The receiving process: datagrams in, newline-separated lines out to the pipes (one
    per counting process; each chunk of whole lines goes to a pipe that has taken its last).

    On SIGTERM/SIGINT it drains what is already queued on the socket, closes it, hands
    everything over and exits; the counters see the end of their pipes and finish."""
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
    for fd in out_fds:
        os.set_blocking(fd, False)
    queue, queued = deque(), 0
    outs = {fd: memoryview(b"") for fd in out_fds}
    chunk_bytes = max(CHUNK_BYTES // len(out_fds), 64 * 1024)
    kernel_seen = 0  # kernel drops already reported
    queue_shed = 0  # lines this process dropped (queue full), not yet reported
    shed_total, shed_logged = 0, 0
    shed_at = reported_at = time.monotonic()

    def drain():
        """Receive what the socket holds (up to DRAIN_LIMIT); True when it is empty."""
        nonlocal queued, queue_shed
        for _ in range(DRAIN_LIMIT):
            try:
                data = sock.recv(MAX_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                return True
            if b"\n" in data:  # nginx's JSON escaping leaves none; never let one split a line
                data = data.replace(b"\n", b" ")
            if data.startswith(SHED_MARK[:1]):  # only this process writes control lines
                data = b" " + data[1:]
            if queued + len(data) >= max_queue_bytes:
                queue_shed += 1
                continue
            queue.append(data)
            queued += len(data) + 1
        return False

    def hand_over_shed():
        """Put the lines shed since the last time into the stream, for the counters to store."""
        nonlocal kernel_seen, queue_shed, queued, shed_total
        # Every drop since the socket was bound (by this command, before any sender could
        # reach it) is ours to report, including those before this process started.
        kernel = (kernel_drops(sock) or 0) if sock is not None else kernel_seen
        shed = queue_shed + kernel - kernel_seen
        if shed > 0:
            line = SHED_MARK + str(shed).encode()
            queue.append(line)
            queued += len(line) + 1
            shed_total += shed
        kernel_seen, queue_shed = kernel, 0

    try:
        while True:
            if os.getppid() != parent_pid:
                return  # the counters are gone: nothing would count these lines
            if stopping and sock is not None:
                drain()  # what nginx already sent is counted
                hand_over_shed()
                sock.close()
                sock = None
            elif sock is not None and time.monotonic() - shed_at >= SHED_EVERY:
                hand_over_shed()
                shed_at = time.monotonic()
            for fd in out_fds:
                if not queue:
                    break
                if not outs[fd]:
                    parts, size = [], 0
                    while queue and size < chunk_bytes:
                        line = queue.popleft()
                        parts.append(line)
                        size += len(line) + 1
                    queued -= size
                    parts.append(b"")
                    outs[fd] = memoryview(b"\n".join(parts))
            pending = [fd for fd in out_fds if outs[fd]]
            if sock is None and not pending and not queue:
                return
            readable = [sock, wake_r] if sock is not None else [wake_r]
            try:
                r, w, _ = select.select(readable, pending, [], 1.0)
            except InterruptedError:
                continue
            if wake_r in r:
                try:
                    os.read(wake_r, 64)
                except BlockingIOError:
                    pass
            emptied = False
            if sock is not None and sock in r:
                emptied = drain()
            for fd in w:
                try:
                    outs[fd] = outs[fd][os.write(fd, outs[fd]) :]
                except BlockingIOError:
                    pass
            if shed_total > shed_logged and time.monotonic() - reported_at > REPORT_EVERY:
                logger.warning("Beacons shed (not counted): %d in the last minute", shed_total - shed_logged)
                shed_logged, reported_at = shed_total, time.monotonic()
            if emptied and pause and not stopping:
                time.sleep(pause)  # let the next datagrams gather (UDP: the socket's buffer holds them)
    except BrokenPipeError:
        return
    finally:
        if shed_total > shed_logged:
            logger.warning("Beacons shed (not counted): %d", shed_total - shed_logged)
        for fd in out_fds:
            os.close(fd)


class Receiver:
    """Starts the receiving process on a bound socket; ``batches(max_lines, index)`` yields
    the lines of counting process ``index`` (0 … ``outputs`` - 1)."""

    def __init__(self, sock, max_queue_bytes=256 * 1024 * 1024, outputs=1, pause=None):
        pipes = [os.pipe() for _ in range(outputs)]
        for _read_fd, write_fd in pipes:
            try:
                fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            except OSError:
                pass  # the default 64 KB pipe works too, with more wake-ups
        context = multiprocessing.get_context("fork")
        ready = context.Event()
        self.process = context.Process(
            target=_receive,
            args=(
                sock,
                [w for _r, w in pipes],
                os.getpid(),
                max_queue_bytes,
                ready,
                gather_pause(sock) if pause is None else pause,
            ),
            name="vnportal-beacon-receiver",
        )
        self.process.start()
        # From here on a stop request is a clean stop, never a kill of a half-started child.
        if not ready.wait(30):
            self.process.kill()
            raise SocketError(_("the beacon receiver did not start"))
        # Only the receiver holds the socket and the pipes' writing ends: when it exits,
        # nginx finds no listener and the counters find the end of their pipes.
        for _read_fd, write_fd in pipes:
            os.close(write_fd)
        sock.close()
        self._fds = [r for r, _w in pipes]

    def stop(self):
        """Ask the receiver to finish (idempotent)."""
        if self.process.is_alive():
            try:
                os.kill(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def batches(self, max_lines, index=0, linger=BATCH_LINGER):
        """Lists of at most ``max_lines`` lines, in arrival order, until the receiver exits.

        A batch is counted when it is full or ``linger`` seconds after its first line came:
        what a batch costs beyond its lines (a store round trip, the per-batch memos) is then
        shared by hundreds of lines even when the counters keep up, not by a handful."""
        fd = self._fds[index]
        rest, lines, deadline = b"", [], 0.0
        while True:
            if lines:
                wait = deadline - time.monotonic()
                if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                    yield lines
                    lines = []
                    continue
            try:
                chunk = os.read(fd, PIPE_BYTES)
            except OSError as exc:
                if exc.errno == errno.EINTR:
                    continue
                raise
            if not chunk:
                break
            new = (rest + chunk).split(b"\n")
            rest = new.pop()
            if new and not lines:
                deadline = time.monotonic() + linger
            lines.extend(new)
            while len(lines) >= max_lines:
                yield lines[:max_lines]
                lines = lines[max_lines:]
                deadline = time.monotonic() + linger
        if lines:
            yield lines
        if rest:
            yield [rest]

    def keep_only(self, index):
        """In a forked counting process: close the other counters' pipes."""
        for other, fd in enumerate(self._fds):
            if other != index:
                os.close(fd)

    def close(self, index=0):
        os.close(self._fds[index])
        self.process.join(timeout=10)
        return self.process.exitcode
