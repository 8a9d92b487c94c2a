"""The in-process scheduler: runs the periodic jobs that apps register.

Apps return ``(name, interval_seconds, callable)`` tuples from the
``vnportal_scheduled_jobs`` hook (publishing due pages, flushing counters …).
Every job runs as the scheduler starts, then every interval, unless its callable has a
``first_run_after`` attribute (seconds): a job that must never run at start-up (the
weekly link check reaches other hosts) waits that long for its first run.
One scheduler runs per site: inside ``vnportal run`` on a laptop, as
``vnportal worker`` (systemd) in production. Jobs must be safe to run twice.
"""

import datetime
import logging

from django.db import close_old_connections, connections
from wagtail import hooks

from .localtime import local_zone

logger = logging.getLogger("vnportal.scheduler")


def registered_jobs():
    jobs = []
    for hook in hooks.get_hooks("vnportal_scheduled_jobs"):
        jobs.extend(hook())
    return jobs


def _refresh_connections():
    """Drop connections that died or aged out between runs, as Django does between requests.

    Not inside a transaction (a caller's atomic block, or a test's): Django would see
    autocommit off and close the connection under the caller's feet.
    """
    if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        close_old_connections()


def _run(name, func):
    _refresh_connections()
    try:
        func()
    except Exception:  # one failing job must not stop the others
        logger.exception("Scheduled job %s failed", name)
    finally:
        _refresh_connections()


def run_once():
    """Run every job once, in order: for tests and for a systemd timer."""
    for name, _interval, func in registered_jobs():
        _run(name, func)


def run_forever():
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger
    from django.utils import timezone

    scheduler = BlockingScheduler(timezone=local_zone())
    for name, interval, func in registered_jobs():
        delay = datetime.timedelta(seconds=getattr(func, "first_run_after", 0))
        scheduler.add_job(
            _run,
            IntervalTrigger(seconds=interval),
            args=(name, func),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            next_run_time=timezone.now() + delay,
        )
        logger.info("Scheduled %s every %ss", name, interval)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
