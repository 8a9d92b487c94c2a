"""The beacon at scale: nginx answers ``POST /api/stats/hit?t=…&r=…`` itself and logs one
line per beacon to a unix datagram socket; ``stats_ingest`` counts those lines exactly as
the Django view counts beacons (docs/statistics.md, "Beacon at scale").

Lines are rendered from the log_format in deploy/nginx/vnportal-beacon-http.conf with
nginx's JSON escaping, so the format file and the parser are tested together; the last
test runs a real nginx with the deploy snippets and the real management command."""

import datetime
import grp
import logging
import os
import pwd
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from django.core import signing

from tests.support import stores as support_stores
from tests.support.net import free_port
from tests.support.stats import BROWSER_UA, FIREFOX_UA, counts, metric, page_counts
from vnportal.stats import beacon_socket, capture, clock, conf, ingest
from vnportal.stats.stores import make_store

from .test_stores import make_hit

ROOT = Path(__file__).resolve().parents[2]
HTTP_CONF = ROOT / "deploy" / "nginx" / "vnportal-beacon-http.conf"
SERVER_CONF = ROOT / "deploy" / "nginx" / "vnportal-beacon.conf"
SOCKET_IN_SNIPPET = "127.0.0.1:5140"
NGINX = "/usr/sbin/nginx"
PORTS = range(8750, 8800)  # this suite's share of the machine's ports
READER_AGENT_MARK = b"Chrome/124.0.6367."


def reader_agent(n):
    """Distinct readers behind one address: browsers differ by their build number."""
    return f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.{n} Safari/537.36"


# --- nginx's side of the contract ------------------------------------------------------


def log_format():
    """The format string of ``log_format vnportal_beacon`` in the deploy file."""
    text = HTTP_CONF.read_text()
    body = text[text.index("log_format vnportal_beacon escape=json") :]
    body = body[: body.index(";")]
    return "".join(re.findall(r"'([^']*)'", body))


def nginx_escape_json(value):
    """ngx_escape_json: quotes and backslashes escaped, control bytes as \\n … or \\u00XX,
    every other byte passed through as is."""
    out = bytearray()
    for byte in value.encode("utf-8", "surrogateescape"):
        if byte in b'"\\':
            out += b"\\" + bytes([byte])
        elif byte < 0x20:
            out += {0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t", 0x08: b"\\b", 0x0C: b"\\f"}.get(byte, b"\\u00%02x" % byte)
        else:
            out.append(byte)
    return bytes(out)


def nginx_line(variables):
    """One datagram as nginx sends it: syslog header (nohostname, our tag), then the line."""
    parts = re.split(r"\$([a-z_]+)", log_format())
    line = bytearray()
    for index, part in enumerate(parts):
        line += nginx_escape_json(variables.get(part, "")) if index % 2 else part.encode()
    return b"<190>Nov 26 10:00:00 vnportal_beacon: " + bytes(line)


@dataclass
class Beacon:
    token: str
    ip: str = "203.0.113.7"
    ua: str = BROWSER_UA
    referrer: str = ""
    headers: dict = field(default_factory=dict)  # request.META style: {"HTTP_SEC_PURPOSE": "prefetch"}
    after: dict = field(default_factory=dict)  # move the clock first: {"minutes": 31}

    def query(self):
        # stats.js: encodeURIComponent of both values
        return f"t={quote(self.token, safe='')}&r={quote(self.referrer, safe='')}"

    def variables(self, host="testserver"):
        """What nginx would log for this beacon."""
        args = dict(arg.split("=", 1) for arg in self.query().split("&"))
        return {
            "arg_t": args["t"],
            "arg_r": args["r"],
            "remote_addr": self.ip,
            "http_x_forwarded_for": self.headers.get("HTTP_X_FORWARDED_FOR", ""),
            "http_user_agent": self.ua or "",
            "http_sec_purpose": self.headers.get("HTTP_SEC_PURPOSE", ""),
            "http_purpose": self.headers.get("HTTP_PURPOSE", ""),
            "http_x_moz": self.headers.get("HTTP_X_MOZ", ""),
            "http_x_purpose": self.headers.get("HTTP_X_PURPOSE", ""),
            "host": host,
            "server_port": "80",
            "msec": f"{clock.now().timestamp():.3f}",
        }


# --- both paths ------------------------------------------------------------------------


def through_django(client, beacons):
    statuses = []
    for b in beacons:
        clock_advance(b)
        meta = {"REMOTE_ADDR": b.ip, **b.headers}
        if b.ua is not None:
            meta["HTTP_USER_AGENT"] = b.ua
        statuses.append(client.post(f"/api/stats/hit?{b.query()}", **meta).status_code)
    return statuses


def through_socket(tmp_path, lines, store, batch_size=7):
    """Send datagrams to a bound socket (a blocking sender: nothing is dropped here),
    stop the receiver, and count until it has handed everything over."""
    path = str(tmp_path / "beacon.sock")
    receiver = beacon_socket.Receiver(beacon_socket.bind(path))
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        for line in lines:
            sender.sendto(line, path)
    finally:
        sender.close()
        receiver.stop()
    ingester = ingest.Ingester(receiver, batch_size=batch_size, store=store)
    total = ingester.run()
    assert receiver.close() == 0
    return total


_clock = None


def clock_advance(b):
    if b.after:
        _clock.advance(**b.after)


def snapshot(store, site):
    from vnportal.stats.models import DailyPageCount

    store.flush()
    pages = {(r.page_id, r.day.isoformat()): (r.views, r.hits) for r in DailyPageCount.objects.all()}
    return {"site": counts(), "pages": pages, "online": store.online(site.pk, clock.now().timestamp(), 300)}


def forget_counts(store):
    from vnportal.stats.models import AppliedBatch, DailyPageCount, DailySiteCount, VisitorState

    store.reset()
    for model in (DailySiteCount, DailyPageCount, VisitorState, AppliedBatch):
        model.objects.all().delete()


@pytest.fixture(autouse=True)
def _fresh_memos():
    ingest.forget_tokens()
    capture.forget_sites()
    yield
    ingest.forget_tokens()


def old_token(site_id, page_id, monkeypatch, settings):
    """A token signed beyond the replay window (the clock of signing moved back)."""
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - settings.STATS_BEACON_MAX_AGE - 5)
    token = capture.page_token(site_id, page_id)
    monkeypatch.setattr(time, "time", real)
    return token


def test_lines_from_the_socket_count_exactly_like_the_django_beacon(
    store, article, make_article, site, client, stats_clock, tmp_path, monkeypatch, settings
):
    global _clock
    _clock = stats_clock
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    good = capture.page_token(site.pk, article.pk)
    draft = make_article("Bài nháp", publish=False)
    beacons = [
        Beacon(good, ip="203.0.113.1", referrer="https://www.google.com"),  # a visit begins, from Google
        Beacon(good, ip="203.0.113.1", after={"minutes": 5}),  # same visit: no new visit, no new article view
        Beacon(good, ip="203.0.113.2", ua=FIREFOX_UA, referrer="https://zalo.me"),  # a second reader
        Beacon(good, ip="203.0.113.1", after={"minutes": 31}),  # 31 min unseen: a new visit
        Beacon(good, ip="66.249.66.1", ua="Googlebot/2.1 (+http://www.google.com/bot.html)"),
        Beacon(good, ip="203.0.113.9", ua="Mozilla/5.0 HeadlessChrome/124.0"),
        Beacon(good, ip="203.0.113.10", ua=None),  # no User-Agent
        Beacon(good, ip="203.0.113.3", headers={"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        Beacon(good, ip="203.0.113.3", headers={"HTTP_PURPOSE": "prefetch"}),
        Beacon(signing.dumps([site.pk, article.pk], key="not-our-secret", salt=capture.BEACON_SALT)),  # forged
        Beacon(old_token(site.pk, article.pk, monkeypatch, settings)),  # expired
        Beacon(capture.page_token(site.pk, draft.pk)),  # a draft
        Beacon(capture.page_token(site.pk + 1, article.pk)),  # another site's token
        Beacon(capture.page_token(site.pk, 987654)),  # no such page
        Beacon(""),  # none at all
        # Through a trusted proxy the client is the right-most untrusted X-Forwarded-For
        # address, on both paths: these two are one reader, one visit.
        Beacon(good, ip="10.0.0.5", headers={"HTTP_X_FORWARDED_FOR": "198.51.100.9"}),
        Beacon(good, ip="198.51.100.9"),
    ]
    start = stats_clock.moment

    statuses = through_django(client, beacons)
    assert statuses.count(204) == 9  # 6 page views and 3 bots answered 204, like the view always did
    by_django = snapshot(store, site)

    forget_counts(store)
    stats_clock.moment = start
    lines = []
    for b in beacons:
        clock_advance(b)
        lines.append(nginx_line(b.variables()))
    total = through_socket(tmp_path, lines, store)
    by_ingest = snapshot(store, site)

    assert by_ingest == by_django
    day = clock.local_date(start).isoformat()
    assert by_ingest["site"] == {
        (day, "visits", ""): 4,
        (day, "pageviews", ""): 6,
        (day, "bot_hits", ""): 3,
        (day, "referrer", "google.com"): 1,
        (day, "referrer", "zalo.me"): 1,
        (day, "excluded", "crawler"): 1,
        (day, "excluded", "headless"): 1,
        (day, "excluded", "empty_ua"): 1,
        (day, "excluded", "prefetch"): 2,
        (day, "excluded", "invalid_token"): 6,
    }
    assert page_counts(article.pk) == (4, 6)  # once per reader per visit; every page view
    assert by_ingest["online"] == {"guests": 2, "members": 0, "bots": 3}
    assert total.lines == len(beacons) and total.counted == 9


def test_what_nginx_hands_on_reaches_the_same_view(store, article, site, client, stats_clock):
    """nginx rewrites a member's beacon and a token posted in the body to /api/stats/hit/app."""
    token = capture.page_token(site.pk, article.pk)
    in_body = client.post(
        "/api/stats/hit/app",
        {"t": token, "r": "https://zalo.me/"},
        REMOTE_ADDR="203.0.113.1",
        HTTP_USER_AGENT=BROWSER_UA,
    )
    in_url = client.post(
        f"/api/stats/hit/app?{Beacon(token).query()}", REMOTE_ADDR="203.0.113.2", HTTP_USER_AGENT=BROWSER_UA
    )
    refused = client.post("/api/stats/hit/app?t=forged", REMOTE_ADDR="203.0.113.3", HTTP_USER_AGENT=BROWSER_UA)
    assert (in_body.status_code, in_url.status_code, refused.status_code) == (204, 204, 400)
    store.flush()
    assert metric("pageviews") == 2 and metric("referrer", key="zalo.me") == 1
    assert metric("excluded", key="invalid_token") == 1


def test_a_line_is_counted_at_the_time_nginx_answered(store, article, site, stats_clock, tmp_path):
    """A backlog must not move page views: the line's $msec is the time of the view."""
    token = capture.page_token(site.pk, article.pk)
    stats_clock.set(2026, 11, 26, 23, 59)
    late_evening = nginx_line(Beacon(token).variables())
    stats_clock.set(2026, 11, 27, 0, 10)  # counted after midnight
    through_socket(tmp_path, [late_evening], store)
    store.flush()
    assert metric("pageviews", day=datetime.date(2026, 11, 26)) == 1
    assert metric("pageviews", day=datetime.date(2026, 11, 27)) == 0


def test_malformed_lines_are_invalid_and_never_stop_the_ingester(store, article, site, stats_clock, tmp_path):
    good = Beacon(capture.page_token(site.pk, article.pk))
    variables = good.variables()
    garbage = [
        b"",
        b"not a line at all",
        b'<190>Nov 26 10:00:00 vnportal_beacon: {"t": ',  # cut short
        b"<190>Nov 26 10:00:00 vnportal_beacon: [1, 2, 3]",
        b'<190>Nov 26 10:00:00 vnportal_beacon: {"t": 5, "msec": "1"}',  # not strings
        nginx_line({**variables, "msec": ""}),  # no time
        nginx_line({**variables, "msec": "nan"}),
        nginx_line({**variables, "host": ""}),
        nginx_line({**variables, "host": "evil.example.org"}),  # a Host Django refuses
        nginx_line({**variables, "arg_t": "%ZZ%00"}),
        bytes(range(256)) * 20,
        b"{" * 5000,
    ]
    total = through_socket(tmp_path, garbage + [nginx_line(variables)], store)
    store.flush()
    assert total.lines == len(garbage) + 1
    assert metric("excluded", key="invalid_token") == len(garbage)
    assert metric("pageviews") == 1  # the good line after them still counts


def test_a_bug_costs_one_line_and_logs_no_address_or_user_agent(store, article, site, stats_clock, monkeypatch, caplog):
    # The bot rule is read for every line on both the fast path and evaluate_line.
    from vnportal.stats import bots

    real = bots.reason_for_user_agent

    def fails_for_firefox(user_agent):
        if "Firefox" in user_agent:
            raise RuntimeError(f"boom {user_agent}")
        return real(user_agent)

    monkeypatch.setattr(bots, "reason_for_user_agent", fails_for_firefox)
    token = capture.page_token(site.pk, article.pk)
    lines = [
        nginx_line(Beacon(token, ip="203.0.113.77", ua=FIREFOX_UA).variables()),
        nginx_line(Beacon(token, ip="203.0.113.78").variables()),
    ]
    with caplog.at_level(logging.INFO):
        tally = ingest.count_lines(lines, store)
    store.flush()
    assert tally.counted == 1 and tally.excluded == {"invalid_token": 1}
    assert "RuntimeError" in caplog.text
    assert "203.0.113.77" not in caplog.text and "Firefox" not in caplog.text


# --- the fast path -------------------------------------------------------------------------


class Recording:
    """A store that keeps what it is given (the hits themselves, in order)."""

    def __init__(self):
        self.hits, self.excluded = [], Counter()

    def record_many(self, hits, excluded=None, batch=None):
        self.hits.extend(hits)
        self.excluded.update(excluded or {})


def test_an_ordinary_line_of_the_deploy_format_takes_the_fast_path(db, article, site, stats_clock):
    """The fast path's expression is written for deploy/nginx/vnportal-beacon-http.conf's
    log_format: if the format changes, this fails (lines would all take the slow path)."""
    token = capture.page_token(site.pk, article.pk)
    plain = nginx_line(Beacon(token, referrer="https://www.google.com").variables())
    assert ingest.FAST_LINE.match(plain, plain.find(b"{")) is not None
    assert ingest.BatchMemo().fast_hit(plain) is not None
    for other in (
        Beacon(token, headers={"HTTP_SEC_PURPOSE": "prefetch"}),  # the prefetch rule: slow path
        Beacon(token, ua='Mozilla/5.0 "quoted"'),  # an escape: slow path (JSON decodes it)
        Beacon(token, ua="Googlebot/2.1 (+http://www.google.com/bot.html)"),  # a bot: slow path
        Beacon("forged"),
    ):
        assert ingest.BatchMemo().fast_hit(nginx_line(other.variables())) is None


def test_the_fast_path_builds_the_very_hits_the_beacon_rule_builds(
    db, article, make_article, site, stats_clock, settings, monkeypatch
):
    """Every line of a mixed batch gives, through count_lines (fast path where it can), the
    hit and exclusion evaluate_line gives it (the view's own rule, beacon.evaluate): the same
    visitor ids, times, days, referrers, pages and, just after midnight, yesterday's id."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    other = make_article("Bài thứ hai")
    tokens = [capture.page_token(site.pk, article.pk), capture.page_token(site.pk, other.pk)]
    stats_clock.set(2026, 12, 7, 0, 0)  # within the online window after midnight: previous ids
    beacons = []
    for n in range(40):
        stats_clock.advance(seconds=5)
        beacons.append(
            Beacon(
                tokens[n % 2],
                ip=f"203.0.113.{n % 9}",
                ua=f"{BROWSER_UA} build/{n % 5}",
                referrer=["", "https://www.google.com/", "https://zalo.me", "http://testserver/x"][n % 4],
            )
        )
    beacons += [
        Beacon(tokens[0], ip="10.0.0.5", headers={"HTTP_X_FORWARDED_FOR": "198.51.100.9"}),  # behind our proxy
        Beacon(tokens[1], ip="198.51.100.9"),  # the same reader, straight
        Beacon(tokens[0], ua="Googlebot/2.1 (+http://www.google.com/bot.html)"),
        Beacon(tokens[0], ua=None),
        Beacon(tokens[1], headers={"HTTP_PURPOSE": "prefetch"}),
        Beacon(tokens[0], ua='Mozilla/5.0 "quoted" \\ back'),
        Beacon("forged"),
    ]
    lines = [nginx_line(b.variables()) for b in beacons]
    lines.append(nginx_line({**beacons[0].variables(), "host": "evil.example.org"}))
    lines.append(nginx_line({**beacons[0].variables(), "msec": "0.000"}))

    reference = [ingest.evaluate_line(line) for line in lines]
    slow_calls = []
    real = ingest.evaluate_line
    monkeypatch.setattr(ingest, "evaluate_line", lambda line, memo=None: slow_calls.append(line) or real(line, memo))
    recorded = Recording()
    tally = ingest.count_lines(lines, recorded)

    assert recorded.hits == [hit for _site, _day, hit, _reason in reference if hit is not None]
    expected_excluded = Counter()
    for site_id, day, _hit, reason in reference:
        if reason is not None:
            expected_excluded[(site_id, day, reason)] += 1
    assert recorded.excluded == expected_excluded
    # Human and bot hits (the crawler and the empty User-Agent count as bot hits).
    assert tally.counted == 45 and sum(tally.excluded.values()) == 6
    assert all(hit.previous for hit in recorded.hits if hit.kind == "g")  # the bridge after midnight
    # 40 (address, browser) pairs, the proxied reader once, two bots, the quoted browser.
    assert len({hit.visitor for hit in recorded.hits}) == 44
    # Only the lines that are not ordinary took the slow path.
    assert len(slow_calls) == 7


def test_n_beacons_from_k_readers_on_two_articles_in_one_batch_count_exactly(
    store, article, make_article, site, stats_clock
):
    """One batch (one store call, one script call in Redis): 90 beacons from 7 readers, each
    reading one or both articles several times, give exactly 90 page views, 7 visits, one
    article view per reader and article, and each article's hits."""
    other = make_article("Bài thứ hai")
    tokens = {article.pk: capture.page_token(site.pk, article.pk), other.pk: capture.page_token(site.pk, other.pk)}
    plan = []
    for n in range(90):
        reader = n % 7
        page = article.pk if reader < 3 or n % 2 else other.pk  # readers 0-2: the first article only
        plan.append((reader, page))
    lines = []
    for reader, page in plan:
        stats_clock.advance(seconds=3)
        lines.append(nginx_line(Beacon(tokens[page], ip=f"203.0.113.{reader}", referrer="https://zalo.me").variables()))
    tally = ingest.count_lines(lines, store)
    store.flush()

    assert tally.counted == 90 and not tally.excluded
    assert metric("pageviews") == 90 and metric("visits") == 7
    assert metric("referrer", key="zalo.me") == 7  # counted when a visit begins
    for page in (article.pk, other.pk):
        readers = {reader for reader, p in plan if p == page}
        hits = sum(1 for _reader, p in plan if p == page)
        assert page_counts(page) == (len(readers), hits)
    assert page_counts(article.pk)[0] == 7 and page_counts(other.pk)[0] == 4
    assert store.online(site.pk, clock.now().timestamp(), 300)["guests"] == 7


def test_a_batch_that_fails_on_the_store_is_retried_whole_not_lost_or_doubled(
    store, article, site, stats_clock, monkeypatch, tmp_path
):
    monkeypatch.setattr(ingest.Ingester, "RETRY_PAUSES", (0,))
    real = store.record_many
    calls = []

    def fails_once(hits, excluded=None, batch=None):
        calls.append(len(hits))
        if len(calls) == 1:
            raise ConnectionError("store unreachable")
        return real(hits, excluded, batch)

    monkeypatch.setattr(store, "record_many", fails_once)
    token = capture.page_token(site.pk, article.pk)
    lines = [nginx_line(Beacon(token, ip=f"203.0.113.{n}").variables()) for n in range(5)]
    lines.append(nginx_line(Beacon("forged").variables()))
    through_socket(tmp_path, lines, store, batch_size=100)
    store.flush()
    assert len(calls) >= 2 and calls[1] == calls[0]  # the failed batch, again, whole
    assert metric("pageviews") == 5 and metric("visits") == 5 and metric("excluded", key="invalid_token") == 1


def test_a_batch_written_before_its_reply_was_lost_is_not_counted_twice(
    store, article, site, stats_clock, monkeypatch, tmp_path
):
    """The store wrote the batch, then the call failed (Redis ran the script, its reply timed
    out): the ingester retries the batch under the same id and the store does not write it
    again. Every beacon is counted exactly once."""
    monkeypatch.setattr(ingest.Ingester, "RETRY_PAUSES", (0,))
    real = store.record_many
    calls = []

    def written_then_reply_lost(hits, excluded=None, batch=None):
        calls.append(batch)
        result = real(hits, excluded, batch)
        if len(calls) == 1:
            raise redis.TimeoutError("Timeout reading from socket")
        return result

    monkeypatch.setattr(store, "record_many", written_then_reply_lost)
    token = capture.page_token(site.pk, article.pk)
    lines = [nginx_line(Beacon(token, ip=f"203.0.113.{n}").variables()) for n in range(5)]
    lines.append(nginx_line(Beacon("forged").variables()))
    lines += [nginx_line(Beacon(token, ip=f"198.51.100.{n}").variables()) for n in range(7)]
    total = through_socket(tmp_path, lines, store, batch_size=6)
    store.flush()
    assert calls[0] is not None and calls[1] == calls[0]  # the retry carries the same batch id
    assert len(set(calls)) == len(calls) - 1  # every other batch its own
    assert total.counted == 12
    assert metric("pageviews") == 12 and metric("visits") == 12 and metric("excluded", key="invalid_token") == 1
    assert page_counts(article.pk) == (12, 12)


def test_stopping_counts_every_line_already_received(store, article, site, stats_clock, tmp_path):
    token = capture.page_token(site.pk, article.pk)
    lines = [nginx_line(Beacon(token, ip=f"198.51.{n // 250}.{n % 250}").variables()) for n in range(3000)]
    total = through_socket(tmp_path, lines, store, batch_size=500)
    store.flush()
    assert total.lines == 3000 and total.counted == 3000
    assert metric("pageviews") == 3000 and metric("visits") == 3000


@pytest.mark.parametrize("transport", ["unix", "udp"])
def test_beyond_capacity_what_is_shed_is_counted_and_stored_never_lost_silently(
    store, article, site, stats_clock, tmp_path, transport
):
    """More lines than the pipe and the receiver's queue hold, while no counter reads: the
    excess is shed, and shed + counted = sent, exactly (UDP: the kernel's own drops too)."""
    from vnportal.stats.models import DailySiteCount

    token = capture.page_token(site.pk, article.pk)
    sent = 6000  # ~2.6 MB of lines: more than the 1 MB pipe and the 64 KB queue together
    lines = [nginx_line(Beacon(token, ip=f"198.51.{n // 250}.{n % 250}").variables()) for n in range(sent)]
    if transport == "udp":
        sock = beacon_socket.bind_udp("127.0.0.1", 0, rcvbuf=256 * 1024)
        target = sock.getsockname()
    else:
        target = str(tmp_path / "beacon.sock")
        sock = beacon_socket.bind(target)
    receiver = beacon_socket.Receiver(sock, max_queue_bytes=64 * 1024)
    family = socket.AF_INET if transport == "udp" else socket.AF_UNIX
    sender = socket.socket(family, socket.SOCK_DGRAM)
    try:
        for line in lines:
            sender.sendto(line, target)
    finally:
        sender.close()
    time.sleep(0.2)
    receiver.stop()
    total = ingest.Ingester(receiver, batch_size=500, store=store).run()
    assert receiver.close() == 0
    store.flush()
    assert total.shed > 0 and total.counted + total.shed == sent
    assert metric("pageviews") == total.counted
    shed_rows = DailySiteCount.objects.filter(site_id=0, metric="excluded", key="shed")
    assert sum(row.count for row in shed_rows) == total.shed


def test_a_forged_shed_line_is_not_believed(store, article, site, stats_clock, tmp_path):
    forged = beacon_socket.SHED_MARK + b"1000000"
    total = through_socket(tmp_path, [forged], store)
    store.flush()
    assert total.shed == 0 and metric("excluded", key="shed") == 0
    assert total.excluded == {"invalid_token": 1}


def test_nothing_is_counted_when_statistics_are_off(store, article, site, stats_clock, settings):
    settings.STATS_ENABLED = False
    line = nginx_line(Beacon(capture.page_token(site.pk, article.pk)).variables())
    assert ingest.count_lines([line], store).counted == 0
    store.flush()
    assert counts() == {}


# --- record_many -----------------------------------------------------------------------


def test_record_many_counts_exactly_like_record_one_by_one(store, article, site, stats_clock):
    day = clock.local_date().isoformat()
    hits = []
    for n in range(40):
        if n and n % 10 == 0:
            stats_clock.advance(minutes=31)  # every reader begins a new visit
        hits.append(make_hit(f"g:reader{n % 7}", article.pk if n % 3 else 0, site_id=site.pk))
    hits.append(make_hit("g:crawler", kind="b", site_id=site.pk))
    excluded = {(site.pk, day, "crawler"): 2, (site.pk, day, "invalid_token"): 3}

    for hit in hits:
        store.record(hit)
    for (site_id, d, reason), n in excluded.items():
        for _ in range(n):
            store.exclude(site_id, d, reason)
    one_by_one = snapshot(store, site)

    forget_counts(store)
    store.record_many(hits, excluded)
    batched = snapshot(store, site)

    assert batched == one_by_one
    assert batched["site"][(day, "pageviews", "")] == 40 and batched["site"][(day, "bot_hits", "")] == 1
    assert batched["site"][(day, "visits", "")] == 7 * 4 + 0  # 7 readers, 4 visits each (40 hits, 31-min gaps)
    assert batched["site"][(day, "excluded", "invalid_token")] == 3


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the Redis store is not tested")
def test_redis_record_many_is_one_round_trip(db, stats_clock, article, site, monkeypatch):
    redis_store = make_store("redis")
    redis_store.reset()
    try:
        hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(200)]

        def no_single_commands(*args, **kwargs):
            raise AssertionError("record_many sent a command on its own")

        monkeypatch.setattr(redis_store.client, "execute_command", no_single_commands)
        from redis.client import Pipeline

        executions = []
        real_execute = Pipeline.execute
        monkeypatch.setattr(
            Pipeline, "execute", lambda self, *a, **k: executions.append(1) or real_execute(self, *a, **k)
        )
        redis_store.record_many(hits, {(site.pk, clock.local_date().isoformat(), "crawler"): 4})
        monkeypatch.undo()
        assert executions == [1]
        redis_store.flush()
        assert metric("pageviews") == 200 and metric("excluded", key="crawler") == 4
    finally:
        redis_store.reset()


# --- the socket --------------------------------------------------------------------------


def test_a_counting_process_fills_its_batch_before_counting_it(tmp_path):
    """Lines that come in many small hand-overs are counted in one batch (the store's round
    trip and the per-batch memos shared by all of them); a batch that does not fill is
    counted once it has waited ``linger``, while the receiver runs on."""
    path = str(tmp_path / "beacon.sock")
    receiver = beacon_socket.Receiver(beacon_socket.bind(path))
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        batches = receiver.batches(500, linger=1.0)
        for n in range(60):
            sender.sendto(b"line %d" % n, path)
            if n % 10 == 9:
                time.sleep(0.01)  # six hand-overs, at least
        started = time.monotonic()
        first = next(batches)
        waited = time.monotonic() - started
        assert first == [b"line %d" % n for n in range(60)]
        assert waited < 5  # counted while the receiver still runs, not held until it stops
        sender.sendto(b"last", path)
    finally:
        sender.close()
        receiver.stop()
    assert list(batches) == [[b"last"]]
    assert receiver.close() == 0


def test_the_udp_receiver_lets_datagrams_gather_and_the_unix_one_does_not(tmp_path):
    udp = beacon_socket.bind_udp("127.0.0.1", 0)
    unix = beacon_socket.bind(str(tmp_path / "beacon.sock"))
    small = beacon_socket.bind_udp("127.0.0.1", 0, rcvbuf=64 * 1024)
    try:
        assert beacon_socket.gather_pause(unix) == 0
        assert 0 < beacon_socket.gather_pause(udp) <= beacon_socket.GATHER_SECONDS
        # A smaller buffer than asked for: a pause it absorbs at GATHER_RATE beacons/s.
        room = beacon_socket.receive_buffer(small) // beacon_socket.DATAGRAM_TRUESIZE
        assert beacon_socket.gather_pause(small) <= room / beacon_socket.GATHER_RATE
    finally:
        for sock in (udp, unix, small):
            sock.close()


def test_the_socket_is_writable_by_its_group_only_and_a_live_one_is_not_taken(tmp_path):
    path = str(tmp_path / "beacon.sock")
    group = grp.getgrgid(os.getegid()).gr_name
    sock = beacon_socket.bind(path, group=group, mode=0o660)
    try:
        info = os.stat(path)
        assert oct(info.st_mode & 0o777) == "0o660" and info.st_gid == os.getegid()
        with pytest.raises(beacon_socket.SocketError, match="đang được một tiến trình nhận beacon khác sử dụng"):
            beacon_socket.bind(path)
    finally:
        sock.close()
    beacon_socket.bind(path).close()  # the socket of a stopped ingester is replaced
    (tmp_path / "file").write_text("x")
    with pytest.raises(beacon_socket.SocketError, match="không phải là socket"):
        beacon_socket.bind(str(tmp_path / "file"))
    with pytest.raises(beacon_socket.SocketError, match="không có nhóm"):
        beacon_socket.bind(str(tmp_path / "other.sock"), group="no-such-group-vnportal")


def test_the_command_refuses_a_bad_socket_in_vietnamese(tmp_path, db):
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import translation

    (tmp_path / "file").write_text("x")
    with translation.override("vi"), pytest.raises(CommandError) as error:
        call_command("stats_ingest", socket=str(tmp_path / "file"))
    assert "Không mở được socket nhận beacon" in str(error.value) and "không phải là socket" in str(error.value)
    with translation.override("vi"), pytest.raises(CommandError, match="quyền"):
        call_command("stats_ingest", socket=str(tmp_path / "b.sock"), mode="999")


# --- the real thing: nginx with the deploy snippets, and the management command ---------


def nginx_config(prefix, port, target):
    """A throw-away nginx around the deploy snippets, run as the current user; ``target`` is
    the syslog server (``unix:/path`` or ``127.0.0.1:port``)."""
    snippet = SERVER_CONF.read_text()
    assert snippet.count(SOCKET_IN_SNIPPET) == 1
    (prefix / "beacon.conf").write_text(snippet.replace(SOCKET_IN_SNIPPET, target))
    user = ""
    if os.geteuid() == 0:  # nginx would switch its workers to "nobody"
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
    include {HTTP_CONF};
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {prefix}/beacon.conf;
        # Stands in for the app servers: says which path the beacon was handed to.
        location / {{
            add_header X-Handed-To "$uri?$args" always;
            return 418;
        }}
    }}
}}
""")
    return prefix / "nginx.conf"


def _ingester_env(settings):
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/{db['NAME']}"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,
        "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "STATS_STORE": conf.store_name(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "INFO",
    }
    if not settings.REDIS_URL:
        env.pop("REDIS_URL", None)
    return env


@pytest.fixture
def configured_store():
    """The configured store only: the ingester runs in another process, with the settings
    (and the real clock)."""
    with support_stores.configured_store() as instance:
        yield instance


@pytest.mark.skipif(not os.path.exists(NGINX), reason=f"{NGINX} is not installed: the nginx beacon is not tested")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("transport", ["udp", "unix"])
def test_nginx_answers_the_beacon_and_the_ingester_counts_every_one(
    configured_store, article, site, tmp_path, settings, transport
):
    import http.client

    readers, beacons = 40, 240
    token = capture.page_token(site.pk, article.pk)
    sock_path = tmp_path / "beacon.sock"
    if transport == "udp":
        address = f"127.0.0.1:{free_port(PORTS)}"
        target = address
    else:
        address = str(sock_path)
        target = f"unix:{sock_path}"
    log = open(tmp_path / "ingester.log", "wb")
    ingester = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vnportal.cli",
            "manage",
            "stats_ingest",
            "--socket",
            address,
            "--batch",
            "50",
            "--workers",
            "2",
        ],
        env=_ingester_env(settings),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    nginx = None
    try:
        deadline = time.monotonic() + 120
        while "Counting beacons from" not in (tmp_path / "ingester.log").read_text():
            assert ingester.poll() is None, (tmp_path / "ingester.log").read_text()
            assert time.monotonic() < deadline, "the ingester did not bind its socket in 120 s"
            time.sleep(0.2)
        port = free_port(PORTS)
        config = nginx_config(tmp_path, port, target)
        nginx = subprocess.Popen(
            [NGINX, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        connection = None
        deadline = time.monotonic() + 15
        while connection is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.connect()
            except OSError:
                connection = None
                assert nginx.poll() is None, (tmp_path / "error.log").read_text()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)

        def post(query, ua, headers=None):
            connection.request(
                "POST",
                f"/api/stats/hit?{query}",
                headers={"User-Agent": ua, "Host": "127.0.0.1", "Content-Length": "0", **(headers or {})},
            )
            response = connection.getresponse()
            response.read()
            return response

        query = urlencode({"t": token, "r": "https://www.google.com/"})
        # nginx drops a line when the socket's queue is full: with Linux's default queue
        # (net.unix.max_dgram_qlen = 10, docs/statistics.md asks for 512) on a busy machine
        # the receiver may not run within 11 beacons, so send them in small bursts there.
        # This test is about counting; bench/beacon_bench.py measures throughput.
        qlen = beacon_socket.max_dgram_qlen() or 0
        for n in range(beacons):
            response = post(query, reader_agent(n % readers))
            assert response.status == 204, response.status
            if transport == "unix" and qlen < beacon_socket.RECOMMENDED_QLEN and n % 4 == 3:
                time.sleep(0.02)
        assert "no-store" in response.getheader("Cache-Control")
        # What nginx does not count itself: a GET (refused), a member and a token in a body
        # (handed to the application, under the view's other path, query string intact).
        connection.request("GET", f"/api/stats/hit?{query}", headers={"User-Agent": BROWSER_UA})
        refused = connection.getresponse()
        refused.read()
        assert refused.status == 405
        member = post(query, BROWSER_UA, {"Cookie": "sessionid=abc"})
        assert member.status == 418 and member.getheader("X-Handed-To") == f"/api/stats/hit/app?{query}"
        legacy = post("", BROWSER_UA)
        assert legacy.status == 418 and legacy.getheader("X-Handed-To").startswith("/api/stats/hit/app")

        time.sleep(0.5)  # nginx logs a beacon just after answering it
        ingester.send_signal(signal.SIGTERM)  # finishes the queue, flushes, exits
        ingester.wait(timeout=60)
        # With the ingester gone nginx still answers, and its failing log lines write the
        # client's address and request line nowhere (checked below).
        for n in range(3):
            assert post(query, reader_agent(n)).status == 204
        connection.close()
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)  # graceful
            nginx.wait(timeout=20)
        if ingester.poll() is None:
            ingester.send_signal(signal.SIGTERM)
            ingester.wait(timeout=60)
        log.close()
    output = (tmp_path / "ingester.log").read_text()
    assert ingester.returncode == 0, output
    assert f"{beacons} lines, {beacons} counted" in output and "shed 0" in output
    configured_store.flush()
    assert metric("pageviews") == beacons and metric("visits") == readers, output
    assert page_counts(article.pk) == (readers, beacons)
    assert metric("referrer", key="google.com") == readers
    # No address, User-Agent or token was written anywhere: nginx's files, the ingester's log.
    # The ingester's absence shows (UDP: once the kernel has said the port is closed).
    assert ("connect() failed" if transport == "unix" else "failed") in (tmp_path / "error.log").read_text()
    signature = token.rsplit(":", 1)[1].encode()  # as is in a URL, or percent-encoded alike
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix != ".conf" and path.name != "nginx.pid":
            text = path.read_bytes()
            assert READER_AGENT_MARK not in text and signature not in text, path
