"""The ratings' counter store: the rating request writes nothing to the database.

``record(event)`` appends the rating to a queue every app server shares (a Redis list),
or, without Redis or while it is down, to this process's buffer. ``flush()`` (the
scheduler, and each process's own thread for its buffer) takes the queue as one batch and,
in one transaction with the batch's id (``AppliedRatingBatch``), replays it in time order
against each rater's current rating (``RatingState``): a new rating adds one to its answer
of the day; a changed answer takes one from the old answer's day and adds one to the new;
the reason is replaced; a rating older than the rater's current one (another process's buffer
flushed late) changes nothing. The counts go into ``DailyRatingCount`` with
``INSERT … ON CONFLICT DO UPDATE SET count = count + n``. A batch found again (a crash
after the commit, before Redis forgot it) is refused by its id: a flush that runs twice
never counts twice. Redis down means the process's buffer, never a 500 and nothing lost
but what an unflushed buffer holds when its process dies.

Why not the statistics' own store: services may not import each other (DESIGN.md); this is
the same pattern (queue, batch id, additive upserts) on a much smaller record.
"""

import json
import logging
import threading
import uuid
from collections import Counter
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from vnportal.core import background
from vnportal.core.redis_health import CONNECTION_ERRORS, client_from_url

from .models import AppliedRatingBatch, DailyRatingCount, RatingState

logger = logging.getLogger("vnportal.ratings")

PENDING = "pending"
BATCH = "batch:"


def _prefix():
    """The cache's key prefix (CACHE_KEY_PREFIX: one per portal sharing a Redis), as the statistics do."""
    configured = getattr(settings, "RATINGS_REDIS_PREFIX", "")
    return configured or f"{settings.CACHES['default'].get('KEY_PREFIX', 'vnportal')}:ratings:"


def flush_interval():
    return getattr(settings, "RATINGS_FLUSH_INTERVAL", 10)


class Store:
    def __init__(self, redis_url=None, background=True):
        self.redis_url = settings.REDIS_URL if redis_url is None else redis_url
        self._client = None
        self._buffer = []  # events of this process (no Redis, or Redis down)
        self._waiting = []  # (batch id, events) whose flush failed: retried with the same id
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self.background = background
        self._thread = None
        self.diverted = 0

    # --- the hot path -------------------------------------------------------------------
    @property
    def client(self):
        if self._client is None and self.redis_url:
            self._client = client_from_url(self.redis_url)
        return self._client

    def record(self, event):
        """Queue one rating (a dict of str/int/float: see rating.py); no database write."""
        payload = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        if self.client is not None:
            try:
                self.client.rpush(_prefix() + PENDING, payload)
                return
            except CONNECTION_ERRORS as error:
                if not self.diverted:
                    logger.warning("Redis cannot take ratings (%s): keeping them in this process", error)
                self.diverted += 1
        with self._lock:
            self._buffer.append(payload)
        self._start_thread()

    def _start_thread(self):
        if not self.background or self._thread is not None:
            return
        with self._lock:
            if self._thread is not None:
                return
            self._thread = background.flush_periodically("ratings-flush", self.flush, flush_interval)

    # --- the flush ----------------------------------------------------------------------
    def flush(self):
        """Apply everything queued so far; returns the number of ratings applied."""
        with self._flush_lock:
            applied = self._flush_local()
            if self.client is not None:
                try:
                    applied += self._flush_redis()
                except CONNECTION_ERRORS as error:
                    logger.warning("Ratings in Redis wait for it to come back (%s)", error)
            return applied

    def _flush_local(self):
        with self._lock:
            if self._buffer:
                self._waiting.append((uuid.uuid4().hex, self._buffer))
                self._buffer = []
            waiting, self._waiting = self._waiting, []
        applied = 0
        for position, (batch_id, payloads) in enumerate(waiting):
            try:
                applied += apply_batch(batch_id, payloads)
            except Exception:
                with self._lock:  # keep the id: if it did commit, the retry is refused by it
                    self._waiting = waiting[position:] + self._waiting
                raise
        return applied

    def _flush_redis(self):
        client = self.client
        prefix = _prefix()
        # Claim the pending list under a batch name first: new ratings start a new list, and a
        # batch this process (or another server) claimed but did not finish is found again here.
        if client.exists(prefix + PENDING):
            try:
                client.rename(prefix + PENDING, f"{prefix}{BATCH}{uuid.uuid4().hex}")
            except Exception as error:  # another server renamed it a moment ago
                if "no such key" not in str(error).lower():
                    raise
        applied = 0
        for key in sorted(client.scan_iter(match=f"{prefix}{BATCH}*", count=100)):
            key = key.decode() if isinstance(key, bytes) else key
            payloads = [p.decode() if isinstance(p, bytes) else p for p in client.lrange(key, 0, -1)]
            applied += apply_batch(key[len(prefix) + len(BATCH) :], payloads)
            client.delete(key)
        return applied

    def reset(self):
        """Forget every unflushed rating (tests only)."""
        with self._lock:
            self._buffer, self._waiting = [], []
        if self.client is not None:
            try:
                for key in self.client.scan_iter(match=_prefix() + "*", count=100):
                    self.client.delete(key)
            except CONNECTION_ERRORS:
                pass


def _serialize_flushes():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x7652_6174])  # "vRat"


def _claim(batch_id):
    try:
        with transaction.atomic():
            AppliedRatingBatch.objects.create(batch_id=batch_id)
    except IntegrityError:
        return False
    return True


def apply_batch(batch_id, payloads):
    """Replay one batch against the raters' current ratings; 0 when it was applied before."""
    events = []
    for payload in payloads:
        try:
            events.append(json.loads(payload))
        except ValueError:  # never ours: skip, never stop the flush
            logger.warning("Ratings: an unreadable queued rating was skipped")
    events.sort(key=lambda event: event["ts"])
    counts = Counter()
    with transaction.atomic():
        _serialize_flushes()
        if not _claim(batch_id):
            return 0
        for event in events:
            _apply(event, counts)
        _write_counts(counts)
    return len(events)


def _apply(event, counts):
    item, day = event["item"], date.fromisoformat(event["day"])
    moment = datetime.fromisoformat(event["at"])
    match = Q(rater=event["rater"]) if event.get("rater") else Q()
    for visitor in event["visitors"]:
        match |= Q(visitor=visitor)
    state = RatingState.objects.filter(match, item=item).order_by("-updated_at").first()
    fields = {
        "rater": event.get("rater", ""),
        "visitor": event["visitors"][0],
        "reason": event.get("reason", ""),
        "reason_text": event.get("text", ""),
        "updated_at": moment,
    }
    if state is None:
        RatingState.objects.create(item=item, answer=event["answer"], day=day, **fields)
        counts[(item, day, event["answer"])] += 1
        return
    if moment < state.updated_at:
        # Another process's buffer flushed late: this rater has rated again since, and the later
        # answer is the one that counts (each gunicorn worker of the embedded profile has its own).
        return
    if state.answer != event["answer"]:  # a second rating replaces the first
        counts[(item, state.day, state.answer)] -= 1
        counts[(item, day, event["answer"])] += 1
        fields.update(answer=event["answer"], day=day)
    RatingState.objects.filter(pk=state.pk).update(**fields)


def _write_counts(counts):
    rows = [(item, day, answer, n) for (item, day, answer), n in sorted(counts.items()) if n]
    if not rows:
        return
    table = connection.ops.quote_name(DailyRatingCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (item, day, answer, count) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (item, day, answer) DO UPDATE SET count = {table}.count + EXCLUDED.count",
            [(item, connection.ops.adapt_datefield_value(day), answer, n) for item, day, answer, n in rows],
        )


_store = None
_store_lock = threading.Lock()


def get_store():
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                _store = Store(background=getattr(settings, "RATINGS_BACKGROUND_FLUSH", True))
    return _store


def set_store(store):
    """Tests: run against a store of their own (another Redis, none, a broken one)."""
    global _store
    _store = store


def flush():
    """The scheduled job."""
    return get_store().flush()
