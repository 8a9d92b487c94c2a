"""A flush every few seconds on a thread of the process, and once more at exit.

What the counters of this project share (the statistics' database store, the ratings' buffer,
core/tally.py): each process keeps what it counted and writes it in batches; a write that
fails keeps its batch for the next round, so the thread logs the failure and goes on.
"""

import atexit
import logging
import threading
import time

from django.db import close_old_connections

logger = logging.getLogger("vnportal.background")


def flush_periodically(name, flush, interval):
    """Call ``flush()`` every ``interval`` seconds (a number, or a function read each round so
    a changed setting applies) on a daemon thread named ``name``, and at process exit.
    Returns the thread."""
    thread = threading.Thread(target=_loop, args=(name, flush, interval), name=name, daemon=True)
    thread.start()
    atexit.register(_at_exit, name, flush)
    return thread


def _loop(name, flush, interval):
    while True:
        time.sleep(interval() if callable(interval) else interval)
        try:
            flush()
        except Exception:  # the batch is kept by its owner; the next round retries it
            logger.exception("%s: the flush failed", name)
        finally:
            close_old_connections()  # as between requests: not a connection that died meanwhile


def _at_exit(name, flush):
    try:
        flush()
    except Exception:
        logger.exception("%s: the flush at exit failed", name)
