"""The Redis counter store, with the database store behind it for while Redis is down.

A hit Redis cannot take (unreachable, or marked down by vnportal.core.redis_health) is
recorded in this process's database buffer instead, which its own thread flushes into the
same daily rows: page views, visits and article views taken during an outage are counted,
not dropped. What it costs: a visitor whose visit began in Redis and continues during the
outage is judged on the database's visitor state, so may begin one extra visit; "online
now" reads the database while Redis is away. The number of hits diverted is logged when
Redis is back (at the next flush that reaches it) and kept in ``diverted``.

A batch of the beacon ingester (``record_many`` with a ``BatchId``) is counted once even when
Redis ran it and only its reply was lost (a timeout, a connection cut while waiting): before
counting it through the database, the store asks Redis to *fence* it (the batch's guard is
set, so Redis will never apply it later), waiting up to ``FENCE_SECONDS`` for Redis to answer;
if Redis had applied it, that is all. Only when Redis does not answer within that time, or
the batch failed while Redis was already down (a Redis that takes connections but does not
answer: the wait is paid once per outage), is the batch counted through the database unsure
of whether Redis had applied it, and that is logged with its number of hits (they may count
twice). A failure to connect (nothing was sent) is never unsure.
"""

import logging
import time

from redis.exceptions import OutOfMemoryError

from vnportal.core import redis_health
from vnportal.core.redis_health import CONNECTION_ERRORS

from .base import CounterStore

logger = logging.getLogger("vnportal.stats")
# Unreachable, or full (maxmemory reached with nothing it may evict: docs/production.md).
UNAVAILABLE = (*CONNECTION_ERRORS, OutOfMemoryError)
# How long a batch whose write may have reached Redis waits for Redis to say whether it did
# (a failure marks Redis down and the next connection is tried after RETRY_AFTER, 1 s).
FENCE_SECONDS = 2.5


def maybe_applied(error):
    """Whether Redis may have run the command that failed with ``error``: yes, unless no
    connection was made (refused, timed out connecting, or Redis marked down: nothing sent),
    or Redis refused the write (full: the script's first write, its guard, was refused)."""
    if isinstance(error, OutOfMemoryError):
        return False
    text = str(error)
    return "connecting to" not in text and "marked down" not in text


class RedisWithFallback(CounterStore):
    name = "redis"

    def __init__(self, primary, make_fallback):
        self.primary = primary
        self._make_fallback = make_fallback
        self._fallback = None
        self.diverted = 0  # hits and exclusions counted through the database, since start
        self._unreported = 0
        self._dropped_reported = 0

    def __getattr__(self, name):  # client, prefix … of the Redis store (tests, tools)
        return getattr(self.primary, name)

    @property
    def fallback(self):
        if self._fallback is None:
            self._fallback = self._make_fallback()
        return self._fallback

    def _diverted(self, n, error):
        if not self._unreported:
            logger.warning("Redis cannot take statistics (%s): counting through the database", error)
        self.diverted += n
        self._unreported += n

    def record(self, hit):
        try:
            self.primary.record(hit)
        except UNAVAILABLE as error:
            self.fallback.record(hit)
            self._diverted(1, error)

    def record_many(self, hits, excluded=None, batch=None):
        was_down = redis_health.health.is_down
        try:
            return self.primary.record_many(hits, excluded, batch)
        except UNAVAILABLE as error:
            if batch is not None and maybe_applied(error) and self._applied_in_redis(batch, len(hits), was_down):
                return False
            self.fallback.record_many(hits, excluded, batch)
            self._diverted(len(hits) + sum((excluded or {}).values()), error)
            return True

    def _applied_in_redis(self, batch, n_hits, was_down):
        """Whether Redis applied ``batch`` (its reply lost); False when it did not and now never
        will (fenced). Redis not answering within FENCE_SECONDS: False, logged. Not asked when
        Redis was already down before this batch (one that accepts connections but does not
        answer): the wait is paid once per outage, and the doubt is logged."""
        give_up = time.monotonic() + (0 if was_down else FENCE_SECONDS)
        while True:
            try:
                if not was_down:
                    return self.primary.fence(batch)
            except UNAVAILABLE:
                pass
            wait = min(redis_health.RETRY_AFTER, give_up - time.monotonic())
            if wait <= 0:
                logger.error(
                    "Redis stopped answering while it was taking %d statistics hits: they are counted "
                    "through the database, twice if Redis had applied them",
                    n_hits,
                )
                return False
            time.sleep(wait)

    def exclude(self, site_id, day, reason, n=1):
        try:
            self.primary.exclude(site_id, day, reason, n)
        except UNAVAILABLE as error:
            self.fallback.exclude(site_id, day, reason, n)
            self._diverted(n, error)

    def flush(self):
        written = self._fallback.flush() if self._fallback is not None else 0
        dropped = self._fallback.dropped if self._fallback is not None else 0
        if dropped > self._dropped_reported:  # the buffer was full: the one loss, said with its number
            logger.error(
                "%d statistics hits could not be counted (database buffer full)", dropped - self._dropped_reported
            )
            self._dropped_reported = dropped
        try:
            written += self.primary.flush()
        except UNAVAILABLE as error:
            logger.warning("Statistics in Redis wait for it to come back (%s); nothing is lost", error)
            return written
        if self._unreported:
            logger.warning("Redis is back: %d statistics records were counted through the database", self._unreported)
            self._unreported = 0
        return written

    def online(self, site_id, now_ts, window):
        try:
            return self.primary.online(site_id, now_ts, window)
        except UNAVAILABLE:
            return self.fallback.online(site_id, now_ts, window)

    def reset(self):
        if self._fallback is not None:
            self._fallback.reset()
        self.primary.reset()
