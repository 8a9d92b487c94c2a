"""``vnportal manage stats_ingest``: count the beacons nginx answers itself (production).

nginx answers ``POST /api/stats/hit?t=…&r=…`` with 204 and sends one log line per beacon
to a datagram socket (UDP on the loopback, or a unix socket: deploy/nginx/vnportal-beacon.conf);
this command receives the lines and counts them as the Django view would, in ``--workers``
counting processes. docs/statistics.md, "Beacon at scale".
"""

import logging
import multiprocessing
import os
import signal

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from vnportal.stats import beacon_socket
from vnportal.stats.ingest import Ingester, Tally

logger = logging.getLogger("vnportal.stats.ingest")

DEFAULT_SOCKET = "127.0.0.1:5140"
COUNTER_NICENESS = 5


def _mode(value):
    try:
        mode = int(value, 8)
    except ValueError:
        raise CommandError(
            _("--mode must be an octal permission such as 660, not %(value)s") % {"value": value}
        ) from None
    if not 0 <= mode <= 0o777:
        raise CommandError(_("--mode must be an octal permission such as 660, not %(value)s") % {"value": value})
    return mode


def _remove(path, inode):
    """Remove our socket file (not one a newer ingester has bound since)."""
    try:
        if os.lstat(path).st_ino == inode:
            os.unlink(path)
    except OSError:
        pass


class Command(BaseCommand):
    help = _(
        "Count the statistics beacons that nginx answers itself: read its log lines from a unix "
        "datagram socket (production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--socket",
            default=DEFAULT_SOCKET,
            help=_(
                "where nginx sends its lines: host:port for UDP (the kernel counts what it drops), or the path "
                "of a unix socket (default: %(default)s)"
            ),
        )
        parser.add_argument(
            "--workers", type=int, default=2, help=_("counting processes (default: %(default)s; one per core)")
        )
        parser.add_argument("--group", default="", help=_("group that owns the socket; nginx's user must be a member"))
        parser.add_argument("--mode", default="660", help=_("permissions of the socket, octal (default: 660)"))
        parser.add_argument("--batch", type=int, default=500, help=_("lines counted per store round trip"))
        parser.add_argument(
            "--max-queue-mb",
            type=int,
            default=256,
            help=_("memory for lines waiting to be counted; beyond it new lines are dropped"),
        )

    def handle(self, *args, socket, group, mode, batch, max_queue_mb, workers, **options):
        if batch < 1 or max_queue_mb < 1 or workers < 1:
            raise CommandError(_("--batch, --max-queue-mb and --workers must be positive"))
        inode = None
        try:
            udp = beacon_socket.udp_address(socket)
            if udp is not None:
                sock = beacon_socket.bind_udp(*udp)
                granted = beacon_socket.receive_buffer(sock) // 2
                if granted < beacon_socket.UDP_RCVBUF // 2:
                    logger.warning(
                        "The beacon socket's receive buffer is %d KB: set net.core.rmem_max to at least %d "
                        "(deploy/sysctl/60-vnportal-beacon.conf); beacons beyond it are shed (counted, not lost "
                        "silently)",
                        granted // 1024,
                        beacon_socket.UDP_RCVBUF,
                    )
            else:
                self._check_qlen()
                sock = beacon_socket.bind(socket, group or None, _mode(mode))
                inode = os.stat(socket).st_ino
            # The receiver and the counters are forked: they must not share this process's
            # database connections.
            connections.close_all()
            receiver = beacon_socket.Receiver(sock, max_queue_mb * 1024 * 1024, outputs=workers)
        except beacon_socket.SocketError as exc:
            raise CommandError(_("Cannot open the beacon socket: %(reason)s") % {"reason": exc}) from exc
        # Receiving must never wait behind counting (the socket sheds what it cannot queue);
        # counting can lag and catch up. So the counters yield: 5 steps nicer than the
        # receiver (the systemd unit starts both at Nice=-5: the counters end at 0).
        os.nice(COUNTER_NICENESS)
        counters = [self._fork_counter(receiver, index, batch) for index in range(1, workers)]
        receiver.keep_only(0)
        ingester = Ingester(receiver, batch_size=batch)

        def stop(signum, frame):
            ingester.stopping = True
            receiver.stop()
            for process, _conn in counters:
                if process.is_alive():
                    os.kill(process.pid, signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        logger.info(
            "Counting beacons from %s in %d processes (receiver: pid %d)", socket, workers, receiver.process.pid
        )
        try:
            total = ingester.run()
            lost = ingester.lost
            for process, conn in counters:
                try:
                    result = conn.recv()
                    total.add(Tally.from_dict(result["tally"]))
                    lost += result["lost"]
                except EOFError:
                    logger.error("A counting process ended without its figures (exit code %s)", process.exitcode)
                process.join()
        finally:
            exit_code = receiver.close()
            if inode is not None:
                _remove(socket, inode)
        logger.info(
            "Beacon ingester stopped: %d lines, %d counted, excluded %s, shed %d%s",
            total.lines,
            total.counted,
            dict(total.excluded) or "none",
            total.shed,
            f"; {lost} not counted (the store failed)" if lost else "",
        )
        if not ingester.stopping:
            raise CommandError(_("The beacon receiver stopped unexpectedly (exit code %(code)s)") % {"code": exit_code})

    @staticmethod
    def _check_qlen():
        qlen = beacon_socket.max_dgram_qlen()
        if qlen is not None and qlen < beacon_socket.RECOMMENDED_QLEN:
            logger.warning(
                "net.unix.max_dgram_qlen is %d: nginx drops beacons when more than %d wait in the "
                "socket; set it to at least %d (docs/statistics.md)",
                qlen,
                qlen + 1,
                beacon_socket.RECOMMENDED_QLEN,
            )

    @staticmethod
    def _fork_counter(receiver, index, batch):
        """Another counting process, reading output ``index`` of the receiver; it sends its
        figures back when its pipe ends."""
        context = multiprocessing.get_context("fork")
        parent_conn, child_conn = context.Pipe(duplex=False)
        process = context.Process(
            target=_count, args=(receiver, index, batch, child_conn), name=f"vnportal-beacon-counter-{index}"
        )
        process.start()
        child_conn.close()
        return process, parent_conn


def _count(receiver, index, batch, conn):
    """A forked counting process: counts its share until the receiver ends it."""
    receiver.keep_only(index)
    ingester = Ingester(receiver, batch_size=batch, index=index)

    def stop(signum, frame):  # the receiver ends the pipe; stopping only bounds the retries
        ingester.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    total = ingester.run()
    conn.send({"tally": total.as_dict(), "lost": ingester.lost})
    conn.close()
