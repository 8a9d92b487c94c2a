"""Counting the beacons nginx answered itself (production): one JSON line per beacon,
written by nginx's ``log_format vnportal_beacon`` (deploy/nginx/vnportal-beacon-http.conf)
to the ingester's socket, counted exactly as the Django view counts ``POST /api/stats/hit``.

Each line becomes a minimal request (the headers the rules read, nothing else) and goes
through the same rule as the view, ``beacon.evaluate``: the token, its site and its page,
then the bot and prefetch rules and the visitor id of ``capture.build_hit``. A batch of
hits is written to the counter store in one call (``record_many``: one Redis round trip).

The line holds the client's address and User-Agent; they live only in this process's
memory until the visitor id is computed. Nothing here logs a line or any part of one.
"""

import datetime
import json
import logging
import math
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, close_old_connections
from django.http import HttpRequest

from vnportal.core import visitors
from vnportal.core.memo import TTLMemo

from . import beacon, beacon_socket, bots, capture, clock, conf
from .stores import get_store
from .stores.base import KIND_GUEST, BatchId, Hit

logger = logging.getLogger("vnportal.stats.ingest")

BEACON_PATH = "/api/stats/hit"
# log_format key → request.META key: what the bot, prefetch and client-address rules read.
HEADERS = {
    "ua": "HTTP_USER_AGENT",
    "sec_purpose": "HTTP_SEC_PURPOSE",
    "purpose": "HTTP_PURPOSE",
    "x_moz": "HTTP_X_MOZ",
    "x_purpose": "HTTP_X_PURPOSE",
    "xff": "HTTP_X_FORWARDED_FOR",
}


class Malformed(ValueError):
    """A line that is not a beacon line of our log_format."""


def parse(datagram):
    """The fields of one datagram: ``<190>Nov 26 10:00:00 vnportal_beacon: {…json…}``.

    nginx escapes only quotes, backslashes and control characters (escape=json) and
    passes other bytes through; decoding as Latin-1 gives the very strings Django's WSGI
    server puts in ``request.META``, so the visitor id is the same on both paths."""
    start = datagram.find(b"{")
    if start == -1:
        raise Malformed("no JSON object")
    try:
        fields = json.loads(datagram[start:].decode("latin-1"))
    except ValueError:
        raise Malformed("not JSON") from None
    if not isinstance(fields, dict) or not set(map(type, fields.values())) <= {str}:
        raise Malformed("not an object of strings")
    return fields


def query_value(raw):
    """A query-string argument as nginx logs it (still percent-encoded), decoded the way
    Django decodes ``request.GET``: ``+`` is a space, UTF-8 with replacement."""
    return unquote_to_bytes(raw.replace("+", " ").encode("latin-1")).decode("utf-8", "replace")


def moment_of(fields):
    """When nginx answered the beacon ($msec): counted at that time, however late the
    line is counted (a backlog must not move page views to the next minute or day)."""
    try:
        value = float(fields["msec"])
    except (KeyError, ValueError):
        raise Malformed("no time") from None
    if not math.isfinite(value) or value <= 0:
        raise Malformed("bad time")
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)


class BeaconRequest(HttpRequest):
    """An HttpRequest with only META: the rules read nothing else, and building the
    empty GET/POST/COOKIES/FILES of a full one costs more than the rest of a line.

    ``get_host`` (read three times a line: the site, the referrer, the visitor id) is
    Django's own, validated once per distinct Host and port of a batch (``hosts``)."""

    def __init__(self, meta, hosts=None):
        self.META = meta
        self.method = "POST"
        self.path = self.path_info = BEACON_PATH
        self._hosts = {} if hosts is None else hosts

    def get_host(self):
        key = (self.META.get("HTTP_HOST"), self.META.get("SERVER_PORT"))
        known = self._hosts.get(key)
        if known is None:
            try:
                known = super().get_host()
            except DisallowedHost as exc:
                known = exc
            self._hosts[key] = known
        if isinstance(known, DisallowedHost):
            raise known
        return known


def request_for(fields, hosts=None):
    """A request carrying exactly what the beacon rules read: address, Host, User-Agent,
    the prefetch headers and X-Forwarded-For (believed only from TRUSTED_PROXIES)."""
    meta = {"REMOTE_ADDR": fields.get("addr", "")}
    request = BeaconRequest(meta, hosts)
    host = fields.get("host", "")
    if not host:
        raise Malformed("no host")
    meta["HTTP_HOST"] = meta["SERVER_NAME"] = host
    meta["SERVER_PORT"] = fields.get("port", "") or "80"
    for key, meta_key in HEADERS.items():
        value = fields.get(key, "")
        if value:
            meta[meta_key] = value
    return request


TOKEN_MEMO_SECONDS = 1.0
# Timed by ``time.time``, the clock the signature's age is read from.
_tokens = TTLMemo(maxsize=10_000, ttl=TOKEN_MEMO_SECONDS, timer=time.time)


def read_token(token):
    """``capture.read_token``, remembered for a second per token: the readers of one cached
    page all send its one token, and checking a signature is the costliest step of a line.
    A token is thus accepted at most a second past its replay window (6 h by default)."""
    return _tokens.get_or_set(token, lambda: capture.read_token(token))


def forget_tokens():
    _tokens.clear()


@dataclass
class Tally:
    """What a batch (or a whole run) came to."""

    lines: int = 0
    counted: int = 0  # human page views and bot hits, as the view's 204
    excluded: Counter = field(default_factory=Counter)  # reason → n (invalid_token: refused or malformed)
    shed: int = 0  # beacons the receiver could not keep (socket or queue full), told in control lines

    def add(self, other):
        self.lines += other.lines
        self.counted += other.counted
        self.excluded.update(other.excluded)
        self.shed += other.shed

    def as_dict(self):
        return {"lines": self.lines, "counted": self.counted, "excluded": dict(self.excluded), "shed": self.shed}

    @classmethod
    def from_dict(cls, data):
        return cls(data["lines"], data["counted"], Counter(data["excluded"]), data["shed"])


# An ordinary beacon line as deploy/nginx/vnportal-beacon-http.conf writes it: no prefetch
# header, no escaped character, a plain $msec. Such lines (nearly all) are read with this
# one expression and counted by ``BatchMemo.fast_hit``; any other line goes through
# ``evaluate_line``. Byte classes exclude what JSON would refuse or unescape, so a line
# read here holds the very strings ``parse`` would give.
FAST_LINE = re.compile(
    rb'\{"t":"([^"\\\x00-\x1f]*)","r":"([^"\\\x00-\x1f]*)","addr":"([^"\\\x00-\x1f]*)",'
    rb'"xff":"([^"\\\x00-\x1f]*)","ua":"([^"\\\x00-\x1f]*)","sec_purpose":"","purpose":"","x_moz":"",'
    rb'"x_purpose":"","host":"([^"\\\x00-\x1f]+)","port":"([^"\\\x00-\x1f]*)","msec":"([0-9]{1,12}\.[0-9]{1,6})"\}\Z'
)


class BatchMemo:
    """What the lines of one batch share, worked out once per batch: the validated Host,
    the decoded query values and the token check (the readers of one cached page all send
    its one token), and for the fast path the whole of what a (token, referrer, Host, port)
    gives and the local day with its keyed guest hash. Dropped with the batch, so a changed
    setting, a new salt or a page taken down is seen at the next one."""

    __slots__ = ("hosts", "values", "tokens", "sites", "pages", "contexts", "day", "proxies")

    def __init__(self):
        self.hosts, self.values, self.tokens, self.sites, self.pages = {}, {}, {}, {}, {}
        self.contexts = {}
        self.day = None
        self.proxies = None

    def fast_hit(self, line):
        """The hit of an ordinary line, exactly as ``evaluate_line`` would build it, or None
        when the line is not one (it then goes through ``evaluate_line``): not of the plain
        form above, a token or Host that does not count, a bot."""
        match = FAST_LINE.match(line, line.find(b"{"))
        if match is None:
            return None
        token, referrer, addr, forwarded, agent, host, port, msec = match.groups()
        context = self.contexts.get((token, referrer, host, port))
        if context is None:
            context = self.contexts[(token, referrer, host, port)] = self._context(token, referrer, host, port)
        if context is False:
            return None
        user_agent = agent.decode("latin-1")
        if not user_agent or bots.reason_for_user_agent(user_agent) is not None:
            return None
        ts = float(msec)
        day = self.day
        if day is None or not day[0] <= ts < day[1]:
            day = self.day = self._day(ts)
            if day is None:
                return None
        site_id, page_id, site_key, ref, params = context
        if self.proxies is None:
            self.proxies = tuple(settings.TRUSTED_PROXIES)
        ip = visitors.client_ip_of(addr.decode("latin-1"), forwarded.decode("latin-1"), self.proxies)
        previous = ""
        if ts - day[0] < params.online_window:  # just past midnight: yesterday's id too (visitor.identify)
            previous = day[4]()(site_key, ip, user_agent)
        return Hit(
            site_id,
            day[3](site_key, ip, user_agent),
            KIND_GUEST,
            ts,
            day[2],
            day[0],
            params.visit_timeout,
            params.keep_seconds,
            page_id,
            ref,
            previous,
        )

    def _context(self, token, referrer, host, port):
        """``(site id, page id, the guest hash's site, referrer domain, site settings)`` of
        lines with these raw values, or False when they do not count as they are."""
        meta = {"REMOTE_ADDR": "", "HTTP_HOST": host.decode("latin-1"), "SERVER_PORT": port.decode("latin-1") or "80"}
        meta["SERVER_NAME"] = meta["HTTP_HOST"]
        request = BeaconRequest(meta, self.hosts)
        try:
            site_id = self.site_id(request)
            parsed = self.read_token(self.query_value(token.decode("latin-1")))
            if parsed is None or parsed[0] != site_id or not self.countable(parsed[1], site_id):
                return False
            ref = capture.referrer_domain(request, self.query_value(referrer.decode("latin-1")))
            return site_id, parsed[1] or 0, visitors.site_key(request), ref, conf.site_params(site_id)
        except (DisallowedHost, UnicodeError):
            return False

    @staticmethod
    def _day(ts):
        """``(midnight, next midnight, day, guest hasher, yesterday's hasher)`` of the local
        day of ``ts`` (epoch seconds, as the hits hold them), or None when ``ts`` is no time."""
        if ts <= 0:
            return None
        try:
            moment = datetime.datetime.fromtimestamp(ts, tz=datetime.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        day = clock.local_date(moment)
        start = clock.day_start(day).timestamp()
        end = clock.day_start(day + datetime.timedelta(days=1)).timestamp()
        yesterday = []

        def previous_hasher():
            if not yesterday:
                yesterday.append(visitors.guest_hasher(day - datetime.timedelta(days=1)))
            return yesterday[0]

        return start, end, day.isoformat(), visitors.guest_hasher(day), previous_hasher

    def site_id(self, request):
        key = (request.META.get("HTTP_HOST"), request.META.get("SERVER_PORT"))
        try:
            return self.sites[key]
        except KeyError:
            value = self.sites[key] = capture.site_id_for(request)
            return value

    def countable(self, page_id, site_id):
        key = (page_id, site_id)
        try:
            return self.pages[key]
        except KeyError:
            value = self.pages[key] = beacon.page_is_countable(page_id, site_id)
            return value

    def query_value(self, raw):
        value = self.values.get(raw)
        if value is None:
            value = self.values[raw] = query_value(raw)
        return value

    def read_token(self, token):
        try:
            return self.tokens[token]
        except KeyError:
            value = self.tokens[token] = read_token(token)
            return value


def evaluate_line(line, memo=None):
    """``(site id, local day, hit or None, exclusion reason or None)`` for one line.

    A line that is not ours (garbled, truncated, another log format, a Host Django would
    refuse) is an invalid token, never an error: the ingester must outlive any input.
    Database errors are raised: the batch is retried, nothing of it was written."""
    memo = memo or BatchMemo()
    site_id, moment = 0, None
    try:
        fields = parse(line)
        moment = moment_of(fields)
        request = request_for(fields, memo.hosts)
        site_id = memo.site_id(request)
        site_id, hit, reason = beacon.evaluate(
            request,
            memo.query_value(fields.get("t", "")),
            memo.query_value(fields.get("r", "")),
            moment,
            read_token=memo.read_token,
            site_id=site_id,
            countable=memo.countable,
        )
    except (Malformed, DisallowedHost, UnicodeError):
        hit, reason = None, bots.REASON_INVALID_TOKEN
    except DatabaseError:
        raise
    except Exception as exc:  # a bug must cost one line, not the ingester; no value is logged
        logger.error(
            "A beacon line could not be counted (%s); counted as invalid:\n%s",
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        hit, reason = None, bots.REASON_INVALID_TOKEN
    return site_id, clock.local_date(moment or clock.now()).isoformat(), hit, reason


def shed_count(line):
    """The number of beacons a control line from the receiver says were shed, else None."""
    if not line.startswith(beacon_socket.SHED_MARK):
        return None
    try:
        return max(int(line[len(beacon_socket.SHED_MARK) :]), 0)
    except ValueError:
        return None


def count_lines(lines, store=None, batch=None):
    """Count a batch of lines: its hits, its summed exclusions and the beacons the receiver
    shed, in one ``record_many`` (one Redis round trip), so a batch is retried whole or
    not at all. Shed beacons are stored as the exclusion ``shed`` of no site (0): which
    portal they were for is unknown. ``batch`` (a ``BatchId``) names the batch, so that
    counting the same lines again under the same id (a retry) writes nothing twice."""
    store = store or get_store()
    tally = Tally(lines=len(lines))
    if not conf.enabled():
        return tally
    hits, excluded = [], Counter()
    memo = BatchMemo()
    fast_hit = memo.fast_hit
    for line in lines:
        try:
            hit = fast_hit(line)
        except DatabaseError:
            raise
        except Exception:  # whatever went wrong happens again, and is logged, just below
            hit = None
        if hit is not None:
            hits.append(hit)
            continue
        shed = shed_count(line)
        if shed is not None:
            tally.lines -= 1
            tally.shed += shed
            excluded[(0, clock.local_date().isoformat(), bots.REASON_SHED)] += shed
            continue
        site_id, day, hit, reason = evaluate_line(line, memo)
        if reason is not None:
            excluded[(site_id, day, reason)] += 1
            tally.excluded[reason] += 1
        if hit is not None:
            hits.append(hit)
    store.record_many(hits, excluded, batch)
    tally.counted = len(hits)
    return tally


class Ingester:
    """Counts batches from a ``Receiver`` until it ends; a batch that fails on the
    database or the store is retried with a growing pause, while the receiver keeps
    queueing. Each batch carries a number of this ingester (``BatchId``) and a retry the
    same one, so a batch the store wrote before failing (Redis ran the script, its reply
    timed out) is not written again. Stopping: ``receiver.stop()``; the batches end once
    the receiver has handed over everything it had."""

    RETRY_PAUSES = (0.5, 1, 2, 5, 10)
    GIVE_UP_WHEN_STOPPING = 30  # seconds of failures after a stop request

    def __init__(self, receiver, batch_size=500, store=None, index=0):
        self.receiver = receiver
        self.index = index  # which of the receiver's outputs this counting process reads
        self.batch_size = batch_size
        self.store = store
        self.total = Tally()
        self.lost = 0
        self.stopping = False
        self.batch_id = None  # the last batch's; the next one's is .next()

    def run(self):
        for lines in self.receiver.batches(self.batch_size, self.index):
            self._count_with_retry(lines)
        return self.total

    def _count_with_retry(self, lines):
        failures, failing_since = 0, None
        self.batch_id = batch = BatchId.first() if self.batch_id is None else self.batch_id.next()
        while True:
            try:
                tally = count_lines(lines, self.store, batch)
                break
            except Exception as exc:
                failing_since = failing_since or time.monotonic()
                if failures % 7 == 0:  # the first time, then about once a minute
                    logger.error("Counting %d beacons failed (%s); retrying", len(lines), type(exc).__name__)
                if isinstance(exc, DatabaseError):
                    close_old_connections()  # a broken connection is reopened on the next try
                if self.stopping and time.monotonic() - failing_since > self.GIVE_UP_WHEN_STOPPING:
                    logger.error("Stopping: %d beacons could not be counted (%s)", len(lines), type(exc).__name__)
                    self.lost += len(lines)
                    return
                time.sleep(self.RETRY_PAUSES[min(failures, len(self.RETRY_PAUSES) - 1)])
                failures += 1
        if failures:
            logger.warning("Counting beacons works again after %d retries", failures)
        self.total.add(tally)
