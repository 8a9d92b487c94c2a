"""The database counter store: an in-process buffer, flushed in batches.

The hot path appends a small immutable record to a list: no query, no lock held for
longer than an append. Every few seconds a daemon thread of *this* process (and the
scheduler job, and process exit) flushes the buffer in one transaction.

Several gunicorn workers and several servers each keep their own buffer, yet visits,
article de-duplication and "online now" must agree across them. So the buffer holds the
hits themselves, not decisions: the flush replays them, in time order, against a small
shared table of the last page view of each recently active visitor (VisitorState), under
a lock that lets one flush run at a time (PostgreSQL advisory lock; SQLite's single
writer). The visit rule is therefore applied once, on shared state, whichever process
saw the hit. What this costs, honestly:

- counts and "online now" appear in the database up to one flush interval late;
- a hit that reaches the flush more than a visit timeout after a later hit of the same
  visitor (a process stalled for 30 minutes) may begin an extra visit.

Exactly-once: each batch gets an id that is inserted (unique) in the same transaction
as its counts. A batch whose transaction fails is kept and retried with the same id, so
an unsure commit can never be applied twice, and a crash loses only the unflushed hits.
"""

import datetime
import os
import threading
from collections import Counter

from django.db import transaction

from vnportal.core import background

from .. import clock, conf
from ..models import VisitorState
from .base import (
    KIND_BOT,
    BatchCounts,
    CounterStore,
    claim_batch,
    is_new_visit,
    new_batch_id,
    serialize_flushes,
    write_counts,
)

# When the database is unreachable for long, stop buffering rather than exhaust memory.
MAX_BUFFERED_HITS = 1_000_000


class DatabaseStore(CounterStore):
    name = "database"

    def __init__(self, background=True):
        self._hits = []
        self._excluded = Counter()
        self._retry = []  # [(batch_id, hits, excluded)] whose transaction failed
        self._lock = threading.Lock()  # one flush of this process at a time
        self._swap = threading.Lock()
        self._background = background
        self._pid = None
        self.dropped = 0

    # --- hot path -----------------------------------------------------------------------
    def record(self, hit):
        if self._pid != os.getpid():
            self._start()
        if len(self._hits) >= MAX_BUFFERED_HITS:
            self.dropped += 1
            return
        self._hits.append(hit)  # atomic under the GIL

    def exclude(self, site_id, day, reason, n=1):
        if self._pid != os.getpid():
            self._start()
        with self._swap:
            self._excluded[(site_id, day, reason)] += n

    # --- flushing -----------------------------------------------------------------------
    def _start(self):
        """First use in this process (after gunicorn forked it): start its flusher."""
        with self._swap:
            if self._pid == os.getpid():
                return
            # A forked child inherits the parent's unflushed buffer; the parent flushes it.
            self._hits, self._excluded, self._retry = [], Counter(), []
            self._pid = os.getpid()
        if self._background:
            background.flush_periodically("stats-flush", self.flush, conf.flush_interval)

    def flush(self):
        with self._lock:
            with self._swap:
                hits, self._hits = self._hits, []
                excluded, self._excluded = self._excluded, Counter()
            if hits or excluded:
                self._retry.append((new_batch_id(), hits, excluded))
            written = 0
            while self._retry:
                batch_id, hits, excluded = self._retry[0]
                self._apply(batch_id, hits, excluded)  # raises: the batch stays for the next try
                self._retry.pop(0)
                written += len(hits)
            return written

    def _apply(self, batch_id, hits, excluded):
        with transaction.atomic():
            serialize_flushes()
            if not claim_batch(batch_id):
                return  # already applied by a flush whose commit we could not confirm
            counts = BatchCounts()
            for (site_id, day, reason), n in excluded.items():
                counts.add_site(site_id, day, "excluded", reason, n)
            states = self._load_states(hits)
            touched = set()
            for hit in sorted(hits, key=lambda h: h.ts):
                self._step(states, hit, counts)
                touched.add((hit.site_id, hit.visitor))
            write_counts(counts)
            rows = [
                VisitorState(
                    site_id=site,
                    visitor=vid,
                    kind=s["kind"],
                    visit_start=s["start"],
                    last_seen=s["last"],
                    pages=",".join(sorted(s["pages"])),
                )
                for (site, vid), s in states.items()
                if (site, vid) in touched and not s.get("gone")
            ]
            if rows:
                VisitorState.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["site_id", "visitor"],
                    update_fields=["kind", "visit_start", "last_seen", "pages"],
                    batch_size=500,
                )
            gone = [(site, vid) for (site, vid), s in states.items() if s.get("gone")]
            for site, vid in gone:
                VisitorState.objects.filter(site_id=site, visitor=vid).delete()
            if hits:
                newest = max(h.ts for h in hits)
                keep = max(h.keep for h in hits)
                VisitorState.objects.filter(last_seen__lt=newest - keep - 60).delete()

    @staticmethod
    def _load_states(hits):
        wanted = {}
        for hit in hits:
            wanted.setdefault(hit.site_id, set()).add(hit.visitor)
            if hit.previous:
                wanted[hit.site_id].add(hit.previous)
        states = {}
        for site_id, visitors in wanted.items():
            visitors = sorted(visitors)
            for start in range(0, len(visitors), 500):
                for row in VisitorState.objects.filter(site_id=site_id, visitor__in=visitors[start : start + 500]):
                    states[(site_id, row.visitor)] = {
                        "kind": row.kind,
                        "start": row.visit_start,
                        "last": row.last_seen,
                        "pages": set(filter(None, row.pages.split(","))),
                    }
        return states

    @staticmethod
    def _step(states, hit, counts):
        """The same rule the Redis script applies, on the shared state."""
        key = (hit.site_id, hit.visitor)
        if hit.previous:
            # Just past midnight: the same reader under yesterday's id leaves the online set.
            old = states.get((hit.site_id, hit.previous))
            if old is not None:
                old["gone"] = True
        state = states.get(key)
        if hit.kind == KIND_BOT:
            counts.add_site(hit.site_id, hit.day, "bot_hits")
            if state is None:
                states[key] = {"kind": KIND_BOT, "start": hit.ts, "last": hit.ts, "pages": set()}
            else:
                state["last"] = max(state["last"], hit.ts)
            return
        day_start = None if state is None else _day_start_of(state)
        if state is None or is_new_visit(day_start, state["last"], hit):
            state = states[key] = {
                "kind": hit.kind,
                "start": hit.ts,
                "last": hit.ts,
                "pages": set(),
                "day_start": hit.day_start,
            }
            counts.add_site(hit.site_id, hit.day, "visits")
            if hit.referrer:
                counts.add_site(hit.site_id, hit.day, "referrer", hit.referrer)
        else:
            state["last"] = max(state["last"], hit.ts)
            state.pop("gone", None)
        counts.add_site(hit.site_id, hit.day, "pageviews")
        if hit.page_id:
            counts.add_page(hit.page_id, hit.site_id, hit.day, "hits")
            page = str(hit.page_id)
            if page not in state["pages"]:
                state["pages"].add(page)
                counts.add_page(hit.page_id, hit.site_id, hit.day, "views")

    # --- live reads -------------------------------------------------------------------
    def online(self, site_id, now_ts, window):
        from django.db.models import Count

        rows = (
            VisitorState.objects.filter(site_id=site_id, last_seen__gt=now_ts - window)
            .values("kind")
            .annotate(n=Count("id"))
        )
        by_kind = {row["kind"]: row["n"] for row in rows}
        return {"guests": by_kind.get("g", 0), "members": by_kind.get("m", 0), "bots": by_kind.get("b", 0)}

    def reset(self):
        with self._lock, self._swap:
            self._hits, self._excluded, self._retry = [], Counter(), []


def _day_start_of(state):
    """The local midnight that began the visit in ``state``."""
    if "day_start" in state:
        return state["day_start"]
    moment = datetime.datetime.fromtimestamp(state["start"], tz=datetime.UTC)
    state["day_start"] = clock.day_start(clock.local_date(moment)).timestamp()
    return state["day_start"]
