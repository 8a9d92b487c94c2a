"""What every process does when Redis goes away and comes back (DESIGN.md: "Redis down means
slower, never 500").

Every connection to Redis (the Django caches through django-redis, the statistics counter
store) is made by ``ResilientConnection``, which reports to one per-process ``health``:

* The first failure marks Redis *down* and is logged once (``vnportal.redis``). While it is
  down, a new connection is tried at most once a second; the attempts in between fail at
  once, without a network round trip or a timeout, so a page costs no more than without a
  cache. The caches answer those failures as misses (django-redis ``IGNORE_EXCEPTIONS``);
  the counter store and the rate limits fall back to the database (stats/stores/fallback.py,
  core/ratelimit.py).
* The first connection that succeeds again marks Redis *up*, logs how long it was away and
  how many operations failed, and runs the recovery hooks (``on_recovery``) in a thread:
  whatever was meant to be forgotten while Redis could not be told (a purge's new page-cache
  generation, a logged-out session) is forgotten then. No restart is needed.

This module imports no Django model: django-redis loads it from the settings (the
``CONNECTION_POOL_CLASS`` option).
"""

import logging
import threading
import time

import redis

logger = logging.getLogger("vnportal.redis")

RETRY_AFTER = 1.0  # seconds between connection attempts while Redis is down
# What a connection raises when Redis cannot be reached or answers too late.
CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, OSError)


class Health:
    def __init__(self):
        self._lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure of this outage
        self.retry_at = 0.0
        self.failed_operations = 0  # during the current outage
        self.outages = 0  # since the process started
        self._hooks = []

    @property
    def is_down(self):
        return self.down_since is not None

    def before_connect(self):
        """Raise at once while Redis is down and the next attempt is not due."""
        if self.down_since is not None and time.monotonic() < self.retry_at:
            with self._lock:
                self.failed_operations += 1
            raise redis.ConnectionError("Redis is unreachable (marked down by vnportal.core.redis_health)")

    def failed(self, error):
        with self._lock:
            self.failed_operations += 1
            self.retry_at = time.monotonic() + RETRY_AFTER
            if self.down_since is not None:
                return
            self.down_since = time.monotonic()
            self.outages += 1
        logger.warning(
            "Redis is unreachable (%s): pages are rendered without the cache, sessions come from the "
            "database, counts and rate limits go to the database until it is back",
            error,
        )

    def connected(self):
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            away, failed = time.monotonic() - self.down_since, self.failed_operations
            self.down_since, self.failed_operations = None, 0
            hooks = list(self._hooks)
        logger.warning("Redis is reachable again after %.1f s (%d operations failed meanwhile)", away, failed)
        if hooks:
            threading.Thread(target=_run_hooks, args=(hooks,), name="vnportal-redis-recovery", daemon=True).start()

    def on_recovery(self, hook):
        """Call ``hook()`` (in a thread) each time Redis is reachable again after an outage."""
        with self._lock:
            if hook not in self._hooks:
                self._hooks.append(hook)


def _run_hooks(hooks):
    for hook in hooks:
        try:
            hook()
        except Exception:  # one failing hook must not keep the others from running
            logger.exception("Recovery step %s failed after Redis came back", getattr(hook, "__name__", hook))


health = Health()
on_recovery = health.on_recovery


class ResilientConnection(redis.Connection):
    """A redis-py connection that reports failures and successes to ``health``."""

    def connect_check_health(self, *args, **kwargs):
        if self._sock:
            return super().connect_check_health(*args, **kwargs)
        health.before_connect()
        try:
            result = super().connect_check_health(*args, **kwargs)
        except CONNECTION_ERRORS as error:
            health.failed(error)
            raise
        health.connected()
        return result

    def send_packed_command(self, *args, **kwargs):
        try:
            return super().send_packed_command(*args, **kwargs)
        except CONNECTION_ERRORS as error:
            health.failed(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except CONNECTION_ERRORS as error:
            health.failed(error)
            raise


class ResilientPool(redis.ConnectionPool):
    """The pool django-redis builds (``CONNECTION_POOL_CLASS``): plain TCP connections become
    ``ResilientConnection``."""

    def __init__(self, connection_class=redis.Connection, **kwargs):
        if connection_class is redis.Connection:
            connection_class = ResilientConnection
        super().__init__(connection_class=connection_class, **kwargs)


def client_from_url(url, **kwargs):
    """A redis-py client whose connections report to ``health`` (the statistics store)."""
    kwargs.setdefault("socket_connect_timeout", SOCKET_CONNECT_TIMEOUT)
    kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT)
    return redis.Redis(connection_pool=ResilientPool.from_url(url, **kwargs))


# A Redis on the same network answers in well under a millisecond; these only bound how long
# a request waits for one that does not answer at all (a host that is down, a full queue).
SOCKET_CONNECT_TIMEOUT = 0.5
SOCKET_TIMEOUT = 1.0
