"""core/tally.py: counts summed in memory, written once, kept when the write fails."""

import os
import threading

import pytest

from vnportal.core import tally as tally_module
from vnportal.core.tally import Tally


class Recorder:
    def __init__(self):
        self.batches = []
        self.fail = False

    def __call__(self, counts):
        if self.fail:
            raise RuntimeError("database unreachable")
        self.batches.append(counts)


def test_counts_are_summed_per_key_and_written_once():
    writes = Recorder()
    tally = Tally("t", writes, background=False)
    for _ in range(3):
        tally.add(("v", 7))
    tally.add(("d", 7), 2)
    assert tally.pending(("v", 7)) == 3
    assert tally.flush() == 2
    assert writes.batches == [{("v", 7): 3, ("d", 7): 2}]
    assert tally.pending(("v", 7)) == 0
    assert tally.flush() == 0
    assert len(writes.batches) == 1


def test_a_failed_write_keeps_the_counts_for_the_next_round():
    writes = Recorder()
    tally = Tally("t", writes, background=False)
    tally.add("a", 2)
    writes.fail = True
    with pytest.raises(RuntimeError):
        tally.flush()
    assert tally.pending("a") == 2  # neither lost nor written
    tally.add("a")
    writes.fail = False
    tally.flush()
    assert writes.batches == [{"a": 3}]


def test_pending_counts_include_those_being_written():
    seen = []
    tally = None

    def slow_write(counts):
        seen.append(tally.pending("a"))  # a page rendered while the write runs

    tally = Tally("t", slow_write, background=False)
    tally.add("a", 4)
    tally.flush()
    assert seen == [4]
    assert tally.pending("a") == 0


def test_no_count_is_lost_or_doubled_under_concurrent_adds_and_flushes():
    writes = Recorder()
    tally = Tally("t", writes, background=False)
    stop = threading.Event()

    def flusher():
        while not stop.is_set():
            tally.flush()

    thread = threading.Thread(target=flusher)
    thread.start()
    adders = [threading.Thread(target=lambda: [tally.add("k") for _ in range(20_000)]) for _ in range(4)]
    for adder in adders:
        adder.start()
    for adder in adders:
        adder.join()
    stop.set()
    thread.join()
    tally.flush()
    assert sum(batch.get("k", 0) for batch in writes.batches) == 80_000


def test_the_number_of_keys_held_is_bounded(monkeypatch):
    monkeypatch.setattr(tally_module, "MAX_KEYS", 3)
    tally = Tally("t", Recorder(), background=False)
    for key in range(5):
        tally.add(key)
    tally.add(0)  # a key already held still counts
    assert tally.pending(0) == 2
    assert tally.pending(4) == 0
    assert tally.dropped == 2


def test_a_forked_process_starts_empty_and_writes_only_its_own(monkeypatch):
    writes = Recorder()
    tally = Tally("t", writes, background=False)
    tally.add("parent")
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as gunicorn's worker, after the fork
    tally.add("child")
    tally.flush()
    assert writes.batches == [{"child": 1}]


def test_the_background_thread_writes_without_being_asked():
    written = threading.Event()
    # Quick until it has written, then an hour: the thread lives on for the rest of the run.
    tally = Tally(
        "t", lambda counts: written.set(), interval=lambda: 3600 if written.is_set() else 0.01, background=True
    )
    tally.add("a")
    assert written.wait(5)


def test_a_failed_round_is_logged_and_the_next_one_runs(caplog):
    """core/background.py, the thread the statistics, the ratings and the tally share."""
    from vnportal.core import background

    calls, done = [], threading.Event()

    def flush():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database unreachable")
        done.set()

    with caplog.at_level("ERROR", logger="vnportal.background"):
        background.flush_periodically("test-flush", flush, lambda: 3600 if done.is_set() else 0.01)
        assert done.wait(5)
    assert "test-flush: the flush failed" in caplog.text
