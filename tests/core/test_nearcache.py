"""A process's own copies of generation-keyed entries in front of the shared cache (nearcache.py).

The unit tests use a stand-in shared cache that counts what it is asked, and a clock the test
moves; the last ones run the real pages against Redis (skipped without REDIS_URL)."""

import pytest
from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache

from vnportal.core import nearcache
from vnportal.core.nearcache import NearCache


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


class SharedCache(BaseCache):
    """What Redis does, in a dict: keeps entries until their timeout (on the same clock), and
    counts every read."""

    def __init__(self, clock):
        super().__init__({})
        self.clock = clock
        self.entries = {}
        self.reads = 0

    def get(self, key, default=None, version=None):
        self.reads += 1
        value, until = self.entries.get(key, (default, None))
        if until is not None and until <= self.clock():
            return default
        return value

    def get_many(self, keys, version=None):
        self.reads += 1
        found = {}
        for key in keys:
            value, until = self.entries.get(key, (None, None))
            if until is not None and until > self.clock():
                found[key] = value
        return found

    def set(self, key, value, timeout=None, version=None):
        self.entries[key] = (value, self.clock() + timeout)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def shared(clock):
    return SharedCache(clock)


def test_a_copy_is_served_without_asking_the_shared_cache(clock, shared):
    near = NearCache(timer=clock)
    near.set(shared, "k:1", "<nav>menu</nav>", 60)
    reader = NearCache(timer=clock)  # another process
    assert reader.get(shared, "k:1") == "<nav>menu</nav>"
    assert shared.reads == 1
    for _ in range(5):
        assert reader.get(shared, "k:1") == "<nav>menu</nav>"
    assert shared.reads == 1


def test_a_copy_lives_exactly_as_long_as_the_shared_entry_whoever_built_it(clock, shared):
    """The statistics block is right for 10 s: a process that reads it at second 9 keeps it
    for 1 s, not 10."""
    builder, reader = NearCache(timer=clock), NearCache(timer=clock)
    builder.set(shared, "k:stats", "Tổng 837", 10)
    clock.now += 9
    assert reader.get(shared, "k:stats") == "Tổng 837"
    clock.now += 0.9
    assert reader.get(shared, "k:stats") == "Tổng 837"
    clock.now += 0.2
    assert reader.get(shared, "k:stats", "gone") == "gone"
    assert builder.get(shared, "k:stats", "gone") == "gone"


def test_each_reader_gets_its_own_copy_of_a_mutable_value(clock, shared):
    near = NearCache(timer=clock)
    near.set(shared, "k:route", {"title": "Bài gốc", "tags": ["a"]}, 60)
    first = near.get(shared, "k:route")
    first["title"] = "đã sửa trong một request"
    first["tags"].append("b")
    assert near.get(shared, "k:route") == {"title": "Bài gốc", "tags": ["a"]}
    assert shared.reads == 0


def test_get_many_asks_only_for_what_the_process_has_no_copy_of(clock, shared):
    near = NearCache(timer=clock)
    near.set(shared, "k:a", "A", 60)
    shared.set("k:b", ("near:1", clock() + 60, "B"), 60)  # written by another process
    asked = []
    real = shared.get_many

    def spy(keys, version=None):
        asked.append(list(keys))
        return real(keys)

    shared.get_many = spy
    assert near.get_many(shared, ["k:a", "k:b", "k:c"]) == {"k:a": "A", "k:b": "B"}
    assert asked == [["k:b", "k:c"]]
    assert near.get_many(shared, ["k:a", "k:b"]) == {"k:a": "A", "k:b": "B"}
    assert asked == [["k:b", "k:c"]]  # both kept now: nothing asked


def test_what_another_version_stored_under_the_key_reads_as_a_miss(clock, shared):
    near = NearCache(timer=clock)
    shared.set("k:old", ("a", "tuple"), 60)
    shared.set("k:raw", "<p>raw</p>", 60)
    assert near.get(shared, "k:old", "miss") == "miss"
    assert near.get(shared, "k:raw", "miss") == "miss"
    assert near.get_many(shared, ["k:old", "k:raw"]) == {}


def test_near_false_keeps_no_copy(clock, shared):
    near = NearCache(timer=clock)
    near.set(shared, "k:0:x", "v", 60, near=False)
    assert near.get(shared, "k:0:x", near=False) == "v"
    assert near.get(shared, "k:0:x", near=False) == "v"
    assert shared.reads == 2


def test_entries_of_a_generation_are_copied_except_under_token_0(clock, shared, monkeypatch):
    monkeypatch.setattr(nearcache, "_near", NearCache(timer=clock))
    monkeypatch.setattr(nearcache, "caches", {"default": shared})
    builds = []
    for token in ("a1b2", "a1b2", "0", "0"):
        value = nearcache.cached("structure", token, "tree:1", lambda: builds.append(1) or "<tree>", 60)
        assert value == "<tree>"
    assert "vnportal:structure:a1b2:tree:1" in shared.entries
    assert len(builds) == 2  # once per token; under "0" from the shared cache after that
    shared.reads = 0
    nearcache.cached("structure", "a1b2", "tree:1", lambda: "rebuilt", 60)
    nearcache.cached("structure", "0", "tree:1", lambda: "rebuilt", 60)
    assert shared.reads == 1  # the copy under "a1b2"; "0" asked the shared cache again


def test_copies_are_bounded_by_size_least_recently_used_first(clock, shared):
    near = NearCache(max_bytes=10_000, timer=clock)
    for n in range(10):
        near.set(shared, f"k:{n}", "x" * 2_000, 60)
    shared.reads = 0
    assert near.get(shared, "k:9") == "x" * 2_000
    assert shared.reads == 0
    assert near.get(shared, "k:0") == "x" * 2_000  # evicted: read from the shared cache again
    assert shared.reads == 1
    # Too large to keep at all: still served.
    near.set(shared, "k:big", "y" * 20_000, 60)
    assert near.get(shared, "k:big") == "y" * 20_000


def test_with_a_process_local_cache_the_copies_are_the_cache(clock):
    """``vnportal run``: each worker's local-memory cache was in its own memory already; the
    copies replace it (no pickle per string read, no cache lock, bounded by size)."""
    local = LocMemCache("nearcache-test", {})
    near = NearCache(timer=clock)
    near.set(local, "k", ["v"], 60)
    near.set(local, "s", "<p>kept</p>", 10, near=False)  # a file token "0" is a real generation
    assert local.get("k") is None  # not written twice
    first = near.get(local, "k")
    first.append("changed by a caller")
    assert near.get(local, "k") == ["v"]
    assert near.get_many(local, ["k", "s", "nope"]) == {"k": ["v"], "s": "<p>kept</p>"}
    clock.now += 10
    assert near.get(local, "s", "gone") == "gone"


def test_with_the_dummy_cache_nothing_is_kept():
    from django.core.cache.backends.dummy import DummyCache

    dummy = DummyCache("dummy", {})
    near = NearCache()
    near.set(dummy, "k", "v", 60)
    assert near.get(dummy, "k", "miss") == "miss"
    assert near.get_many(dummy, ["k"]) == {}


redis_only = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set: the Redis cache is not tested")


@redis_only
def test_a_token_is_drawn_when_redis_has_none():
    """After a Redis restart (it keeps nothing), the first reader draws a generation instead of
    working under "0" (the token of a shared cache that does not answer, under which no copy
    is kept and no fragment used)."""
    from django.core.cache import caches

    from vnportal.core import generations

    generation = generations.for_cache("nearcache-test-token")
    caches["default"].delete(generation.shared_key)
    first = generation.current()
    assert first != "0"
    assert generation.current() == first
    generation.bump()
    assert generation.current() not in ("0", first)


@redis_only
@pytest.mark.django_db
def test_a_kept_article_asks_redis_for_its_generation_not_for_its_parts(fragment_cache, client, article):
    """In production a kept page was ~15 Redis round trips (each fragment, each structure entry);
    with the process's copies it asks for the generation tokens only, and reads the same."""
    from django.core.cache import caches

    nearcache.clear()
    first = client.get(article.url).content
    cache = caches["default"]
    reads = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            reads.append((_name, args[0]))
            return _real(*args, **kwargs)

        setattr(cache, name, spy)
    try:
        again = client.get(article.url).content
    finally:
        for name in ("get", "get_many"):
            delattr(cache, name)
    assert again == first
    asked = sorted(str(key) for _, key in reads)
    # What must stay shared: the structure's token (a change reaches every server at once) and
    # Wagtail's own site root paths. (The page-cache token is read from the "pages" cache.) The
    # view count is kept until its shared entry's deadline (stats/queries.py). Before: every
    # fragment and structure entry and the view count too, ~15 reads.
    assert asked == ["generation:structure", "wagtail_site_root_paths"], asked
