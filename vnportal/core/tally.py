"""Counts added in memory and written in batches: no database write per reader.

A document's views and downloads used to be an ``UPDATE … SET n = n + 1`` and a commit
on every request: in production a round trip and a commit for each reader, and under load
every reader of one document queued on that row's lock (on SQLite, on the one writer).
DESIGN.md asks for no database write per hit. A ``Tally`` keeps the increments of this
process in a ``Counter``; every few seconds a thread of the process (and process exit)
hands them, summed per key, to the ``apply`` function its owner gave, which writes them
in one transaction (``count = count + n``).

What this costs, as for the statistics' database store:

- the figure in the database is up to one interval late; a page can add this process's
  own ``pending()`` counts to what it read, so a reader sees their own view;
- a process killed without its exit handlers (SIGKILL, a worker timeout) loses its
  unwritten seconds.

Nothing is counted twice: the counts are taken out of the buffer before they are written;
when the write fails (its transaction rolled back) they are added back for the next round.
"""

import os
import threading
from collections import Counter

from django.conf import settings

from . import background

# Keys held at most while the database cannot be written (each is a small tuple and an int).
MAX_KEYS = 200_000


class Tally:
    def __init__(self, name, apply, interval=5, background=None):
        """``apply(counts)`` writes ``{key: n}`` in one transaction, raising when it did not."""
        self.name = name
        self._apply = apply
        self._interval = interval
        self._background = background
        self._counts = Counter()
        self._writing = {}  # taken out by the running flush, not yet committed
        self._swap = threading.Lock()  # held only to add or to take the counts
        self._flushing = threading.Lock()  # one flush of this process at a time
        self._pid = None
        self.dropped = 0

    def _runs_in_background(self):
        if self._background is not None:
            return self._background
        return getattr(settings, "TALLY_BACKGROUND_FLUSH", True)

    # --- the hot path -------------------------------------------------------------------
    def add(self, key, n=1):
        if self._pid != os.getpid():
            self._start()
        with self._swap:
            if key not in self._counts and len(self._counts) >= MAX_KEYS:
                self.dropped += n
                return
            self._counts[key] += n

    def pending(self, key):
        """What this process counted for ``key`` and has not written yet."""
        return self._counts.get(key, 0) + self._writing.get(key, 0)

    # --- writing ------------------------------------------------------------------------
    def _start(self):
        """First use in this process (gunicorn forks workers from a loaded app): its own thread."""
        with self._swap:
            if self._pid == os.getpid():
                return
            # A forked child inherits the parent's unwritten counts; the parent writes them.
            self._counts, self._writing = Counter(), {}
            self._pid = os.getpid()
        if self._runs_in_background():
            background.flush_periodically(f"tally-{self.name}", self.flush, self._interval)

    def discard(self):
        """Forget what was counted and not written (tests: the rows it was for are gone)."""
        with self._swap:
            self._counts, self._writing = Counter(), {}

    def flush(self):
        """Write what was counted so far; returns the number of keys written."""
        with self._flushing:
            with self._swap:
                counts, self._counts = self._counts, Counter()
                self._writing = dict(counts)
            if not counts:
                return 0
            try:
                self._apply(dict(counts))
            except Exception:
                with self._swap:
                    self._counts.update(counts)
                    self._writing = {}
                raise
            self._writing = {}
            return len(counts)
