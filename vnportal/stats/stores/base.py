"""The counter store interface and what both stores share: the hit record, the visit
rule, and the idempotent, additive write of a batch into the daily rows."""

import uuid
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from ..models import AppliedBatch, DailyPageCount, DailySiteCount

KIND_GUEST, KIND_MEMBER, KIND_BOT = "g", "m", "b"


@dataclass(frozen=True, slots=True)
class Hit:
    """One page view (human or bot), already reduced to what may be stored."""

    site_id: int
    visitor: str  # "u:<id>" or "g:<hmac>"; never an address or a user agent
    kind: str  # KIND_*
    ts: float  # epoch seconds
    day: str  # local day, ISO
    day_start: float  # epoch seconds of that local midnight
    timeout: int  # visit timeout, seconds
    keep: int  # how long the visitor's state matters, seconds
    page_id: int = 0  # Wagtail page, 0 for other views
    referrer: str = ""  # external referrer domain, only used when a visit begins
    previous: str = ""  # the guest's id under yesterday's salt, just after midnight


def is_new_visit(state_day_start, state_last_seen, hit):
    """DESIGN.md: a visit begins after 30 minutes unseen, or at local midnight.

    A hit older than the last one seen (another process's buffer flushed late) belongs
    to the running visit when it falls on the same local day."""
    if state_last_seen is None:
        return True
    if state_day_start != hit.day_start:
        return True
    return hit.ts - state_last_seen >= hit.timeout


class BatchCounts:
    """Counter increments gathered for one batch."""

    def __init__(self):
        self.site = Counter()  # (site_id, day, metric, key) -> n
        self.pages = Counter()  # (page_id, site_id, day, "views"|"hits") -> n

    def __bool__(self):
        return bool(self.site or self.pages)

    def add_site(self, site_id, day, metric, key="", n=1):
        self.site[(site_id, day, metric, key)] += n

    def add_page(self, page_id, site_id, day, column, n=1):
        self.pages[(page_id, site_id, day, column)] += n


def new_batch_id():
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class BatchId:
    """One batch of ``record_many`` (the beacon ingester's): ``writer`` is one process's
    random id, ``seq`` numbers its batches in the order it hands them over (each batch is
    given until it is taken, then the next). A store counts a batch given again (a retry
    after a failure that left it unsure whether the batch was written) once: it keeps, per
    writer, the highest number it has applied, so the guard costs one small value per
    writer whatever the number of batches."""

    writer: str
    seq: int

    @classmethod
    def first(cls):
        return cls(uuid.uuid4().hex, 1)

    def next(self):
        return BatchId(self.writer, self.seq + 1)


def _day(value):
    import datetime

    return connection.ops.adapt_datefield_value(datetime.date.fromisoformat(value))


def write_counts(counts):
    """Add the counts to the daily rows with ``count = count + n`` (one statement per table);
    both SQLite and PostgreSQL know ``INSERT … ON CONFLICT … DO UPDATE``."""
    with connection.cursor() as cursor:
        if counts.site:
            table = connection.ops.quote_name(DailySiteCount._meta.db_table)
            cursor.executemany(
                f"INSERT INTO {table} (site_id, day, metric, {connection.ops.quote_name('key')}, count) "
                f"VALUES (%s, %s, %s, %s, %s) "
                f"ON CONFLICT (site_id, day, metric, {connection.ops.quote_name('key')}) "
                f"DO UPDATE SET count = {table}.count + EXCLUDED.count",
                [(site, _day(day), metric, key, n) for (site, day, metric, key), n in sorted(counts.site.items())],
            )
        if counts.pages:
            rows = {}
            for (page, site, day, column), n in counts.pages.items():
                row = rows.setdefault((page, day), [site, 0, 0])
                row[1 if column == "views" else 2] += n
            table = connection.ops.quote_name(DailyPageCount._meta.db_table)
            cursor.executemany(
                f"INSERT INTO {table} (page_id, site_id, day, views, hits) VALUES (%s, %s, %s, %s, %s) "
                f"ON CONFLICT (page_id, day) DO UPDATE SET views = {table}.views + EXCLUDED.views, "
                f"hits = {table}.hits + EXCLUDED.hits",
                [(page, site, _day(day), views, hits) for (page, day), (site, views, hits) in sorted(rows.items())],
            )


def claim_batch(batch_id):
    """Inside a transaction: record the batch as applied; False when it already was."""
    try:
        with transaction.atomic():
            AppliedBatch.objects.create(batch_id=batch_id)
    except IntegrityError:
        return False
    return True


def serialize_flushes():
    """Inside a transaction: one flush at a time across every process and server.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the IMMEDIATE transaction
    already holds the only write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x7653_7461])  # "vSta"


class CounterStore:
    """Both stores: ``record``/``exclude`` on the hot path (no database write), ``flush``
    from a background thread or the scheduler, and the live reads the block needs."""

    name = ""

    def record(self, hit):
        raise NotImplementedError

    def record_many(self, hits, excluded=None, batch=None):
        """Record ``hits`` in their order, as ``record`` would one by one, and the
        exclusions ``{(site_id, day, reason): n}`` (the beacon ingester's batches); a
        store may do it in fewer round trips. With a ``BatchId``, a batch given again
        (retried) is counted once: nothing is done when it was already taken."""
        taken = self.__dict__.setdefault("_taken_batches", {})  # writer → highest seq taken
        if batch is not None and taken.get(batch.writer, 0) >= batch.seq:
            return
        for hit in hits:
            self.record(hit)
        for (site_id, day, reason), n in (excluded or {}).items():
            self.exclude(site_id, day, reason, n)
        if batch is not None:
            taken[batch.writer] = batch.seq

    def exclude(self, site_id, day, reason, n=1):
        raise NotImplementedError

    def flush(self):
        """Move everything recorded so far into the daily rows; returns hits written."""
        raise NotImplementedError

    def online(self, site_id, now_ts, window):
        """``{"guests": n, "members": n, "bots": n}`` seen within ``window`` seconds."""
        raise NotImplementedError

    def reset(self):
        """Forget all unflushed and working state (tests only)."""
        raise NotImplementedError
