"""``vnportal manage stats_ingest``: count the beacons nginx answers itself (production).

nginx answers ``POST /api/stats/hit?t=…&r=…`` with 204 and sends one log line per beacon
to a unix datagram socket (deploy/nginx/vnportal-beacon.conf); this command receives the
lines and counts them as the Django view would. docs/statistics.md, "Beacon at scale".
"""

import logging
import os
import signal

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from vnportal.stats import beacon_socket
from vnportal.stats.ingest import Ingester

logger = logging.getLogger("vnportal.stats.ingest")

DEFAULT_SOCKET = "/run/vnportal/beacon.sock"
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
            "--socket", default=DEFAULT_SOCKET, help=_("path of the socket nginx writes to (default: %(default)s)")
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

    def handle(self, *args, socket, group, mode, batch, max_queue_mb, **options):
        if batch < 1 or max_queue_mb < 1:
            raise CommandError(_("--batch and --max-queue-mb must be positive"))
        qlen = beacon_socket.max_dgram_qlen()
        if qlen is not None and qlen < beacon_socket.RECOMMENDED_QLEN:
            logger.warning(
                "net.unix.max_dgram_qlen is %d: nginx drops beacons when more than %d wait in the "
                "socket; set it to at least %d (docs/statistics.md)",
                qlen,
                qlen + 1,
                beacon_socket.RECOMMENDED_QLEN,
            )
        try:
            sock = beacon_socket.bind(socket, group or None, _mode(mode))
            inode = os.stat(socket).st_ino
            # The receiver is forked: it must not share this process's database connections.
            connections.close_all()
            receiver = beacon_socket.Receiver(sock, max_queue_mb * 1024 * 1024)
        except beacon_socket.SocketError as exc:
            raise CommandError(_("Cannot open the beacon socket: %(reason)s") % {"reason": exc}) from exc
        # Receiving must never wait behind counting (nginx drops what the socket cannot
        # queue); counting can lag and catch up. So the counter yields: 5 steps nicer than
        # the receiver (the systemd unit starts both at Nice=-5: the counter ends at 0).
        os.nice(COUNTER_NICENESS)
        ingester = Ingester(receiver, batch_size=batch)

        def stop(signum, frame):
            ingester.stopping = True
            receiver.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        logger.info("Counting beacons from %s", socket)
        try:
            total = ingester.run()
        finally:
            exit_code = receiver.close()
            _remove(socket, inode)
        logger.info(
            "Beacon ingester stopped: %d lines, %d counted, excluded %s%s",
            total.lines,
            total.counted,
            dict(total.excluded) or "none",
            f"; {ingester.lost} not counted (the store failed)" if ingester.lost else "",
        )
        if not ingester.stopping:
            raise CommandError(_("The beacon receiver stopped unexpectedly (exit code %(code)s)") % {"code": exit_code})
