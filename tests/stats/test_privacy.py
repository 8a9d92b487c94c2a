"""After thousands of hits, no table, cache key or log holds a raw address or User-Agent."""

import logging
import pickle

from django.apps import apps
from django.core.cache import cache
from django.db import connection

from tests.support.stats import metric
from vnportal.stats import capture

# Addresses from ranges reserved for tests, and a marker in every User-Agent, so any
# copy of either anywhere is found by a plain substring search.
UA_MARKER = "PrivacyProbe"
IP_MARKERS = ("198.18.", "2001:db8:77")


def _address(n):
    return f"198.18.{n // 250}.{n % 250 + 1}" if n % 3 else f"2001:db8:77::{n:x}"


def _agent(n):
    if n % 10 == 0:
        return f"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) {UA_MARKER}/{n}"
    return (
        f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.{n} Safari/537.36"
        f" {UA_MARKER}/{n}"
    )


def _leaks(text):
    return [marker for marker in (UA_MARKER, *IP_MARKERS) if marker in text]


def _table_dump():
    chunks = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table not in connection.introspection.table_names(cursor):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                chunks.append(f"{table}: " + " ".join(str(value) for value in row))
    return "\n".join(chunks)


def _cache_dump(store):
    texts = []
    backend = getattr(cache, "_cache", None)
    if isinstance(backend, dict):  # local-memory cache: keys and pickled values
        for key, value in backend.items():
            texts.append(str(key))
            try:
                texts.append(str(pickle.loads(value)))
            except Exception:
                texts.append(repr(value))
    if store.name == "redis" or hasattr(cache, "client"):
        import redis
        from django.conf import settings

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(count=1000):
            texts.append(key.decode("utf-8", "replace"))
            kind = client.type(key)
            if kind == b"hash":
                texts.append(str(client.hgetall(key)))
            elif kind == b"zset":
                texts.append(str(client.zrange(key, 0, -1)))
            elif kind == b"set":
                texts.append(str(client.smembers(key)))
            elif kind == b"string":
                texts.append(str(client.get(key)))
    return "\n".join(texts)


def test_no_raw_address_or_user_agent_is_kept_anywhere(store, article, client, site, caplog, capsys, django_user_model):
    caplog.set_level(logging.DEBUG)
    member = django_user_model.objects.create_user("docgia", password="mat-khau-dai-123")
    token = capture.page_token(site.pk, article.pk)
    total = 2000
    for n in range(total):
        meta = {
            "REMOTE_ADDR": _address(n),
            "HTTP_USER_AGENT": _agent(n),
            "HTTP_REFERER": "https://www.google.com/search?q=dai+hoi",
        }
        if n % 10 == 5:
            client.force_login(member)
        if n < 200:  # pages rendered and counted by the middleware …
            client.get(article.url, **meta)
        elif n % 50 == 0:  # … refused beacons …
            client.post("/api/stats/hit", {"t": token + "x"}, **meta)
        else:  # … and beacons of cached pages
            client.post("/api/stats/hit", {"t": token, "r": "https://zalo.me/"}, **meta)
        if n % 10 == 5:
            client.logout()
    store.flush()
    assert metric("pageviews") > 1500 and metric("excluded", key="crawler") > 150  # the test counted something

    assert _leaks(_table_dump()) == []
    assert _leaks(_cache_dump(store)) == []
    logged = "\n".join(record.getMessage() + " " + str(record.args) for record in caplog.records)
    out, err = capsys.readouterr()
    assert _leaks(logged + out + err) == []
