"""The production backup procedure (docs/production.md step 12, docs/security.md) on PostgreSQL.

The documented ``pg_dump --format=custom`` is run while another connection keeps writing, in
transactions that each add an official document and increment every document's view count;
the dump is restored with ``pg_restore --exit-on-error --no-owner`` into a new empty database.
Then: every table the writer did not touch has exactly the original's number of rows; the
writer's tables hold a snapshot between two of its transactions, never inside one (as many
new documents as increments); and the restored database serves an article the original has
since lost. Skips, saying why, without PostgreSQL (DATABASE_URL) or pg_dump/pg_restore.
"""

import os
import shutil
import subprocess
import threading
import time
import urllib.parse

import psycopg
import pytest
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.db.models import F
from django.test import Client

from tests.support.documents import make_document
from vnportal.core import pagecache
from vnportal.library.models import Document

WRITER_PREFIX = "GHI-"
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs DATABASE_URL=postgres://… (the production profile's database)",
)


def _why_not():
    if connection.vendor != "postgresql":
        return "needs DATABASE_URL=postgres://… (the production profile's database)"
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not installed (apt-get install postgresql-client)"
    return None


def _url(name):
    """A libpq URL for database ``name`` on the test's PostgreSQL server."""
    settings = connection.settings_dict
    netloc = urllib.parse.quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        netloc += ":" + urllib.parse.quote(settings["PASSWORD"], safe="")
    netloc += "@" + (settings["HOST"] or "127.0.0.1") + (f":{settings['PORT']}" if settings["PORT"] else "")
    return f"postgresql://{netloc}/{name}"


def _row_counts(url):
    with psycopg.connect(url) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


class Writer(threading.Thread):
    """Keeps writing as the site would: each transaction adds a document and counts a view of
    every document, so a consistent snapshot has as many new documents as increments."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop, self.committed, self.error = threading.Event(), 0, None

    def run(self):
        try:
            while not self.stop.is_set():
                with transaction.atomic():
                    make_document(number=f"{WRITER_PREFIX}{self.committed + 1}/2026/QĐ-UBND", is_public=True)
                    Document.objects.update(view_count=F("view_count") + 1)
                self.committed += 1
        except Exception as error:  # reported by the test, not lost in the thread
            self.error = error
        finally:
            connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_pg_dump_while_writing_restores_a_consistent_database_that_serves_articles(
    make_section, make_article, tmp_path
):
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    economy = make_section("Kinh tế - Xã hội")
    articles = [make_article(f"Sơn Hà khởi công cầu số {n}", parent=economy) for n in range(1, 6)]
    seeded = [make_document(number=f"{n}/2026/NQ-HĐND", is_public=True) for n in range(1, 9)]
    source_name = connection.settings_dict["NAME"]
    source, restored_name = _url(source_name), source_name + "_restored"
    restored = _url(restored_name)
    before = _row_counts(source)

    writer = Writer()
    writer.start()
    try:
        while writer.committed < 5 and writer.error is None:  # writing is under way
            time.sleep(0.01)
        during = writer.committed
        dump = tmp_path / "vnportal.dump"
        started = time.monotonic()
        # docs/production.md step 12: pg_dump --format=custom <database> > file
        with open(dump, "wb") as out:
            subprocess.run(["pg_dump", "--format=custom", f"--dbname={source}"], stdout=out, check=True, timeout=300)
        dump_seconds = time.monotonic() - started
        while writer.committed < during + 5 and writer.error is None:  # and still going after it
            time.sleep(0.01)
    finally:
        writer.stop.set()
        writer.join(30)
    assert writer.error is None, writer.error
    after = _row_counts(source)

    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        conn.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        started = time.monotonic()
        # docs/production.md step 12: pg_restore --exit-on-error --no-owner --dbname=<empty database> file
        subprocess.run(
            ["pg_restore", "--exit-on-error", "--no-owner", f"--dbname={restored}", str(dump)],
            check=True,
            timeout=600,
            capture_output=True,
        )
        restore_seconds = time.monotonic() - started
        copy = _row_counts(restored)

        # Every table is there; those the writer left alone have exactly the original's rows.
        assert set(copy) == set(after)
        untouched = [table for table in after if before[table] == after[table]]
        assert {t: copy[t] for t in untouched} == {t: after[t] for t in untouched}
        for content in ("wagtailcore_page", "news_articlepage", "library_document", "wagtailcore_revision"):
            assert copy[content] > 0, content
        # The writer's tables: a moment between two of its transactions, taken while it wrote.
        with psycopg.connect(restored) as conn:
            increments = {
                row[0]
                for row in conn.execute(
                    "SELECT view_count FROM library_document WHERE number NOT LIKE %s", [WRITER_PREFIX + "%"]
                )
            }
            added = conn.execute(
                "SELECT count(*) FROM library_document WHERE number LIKE %s", [WRITER_PREFIX + "%"]
            ).fetchone()[0]
        assert len(increments) == 1, f"seeded documents counted unequally: {increments} (a torn snapshot)"
        assert increments == {added}, f"{added} documents added but {increments} increments (a torn snapshot)"
        assert during <= added <= writer.committed and added < writer.committed
        for table in set(after) - set(untouched):
            assert before[table] <= copy[table] <= after[table], table

        # The original loses an article; the restored database still serves it.
        lost = articles[0]
        url = lost.url
        lost.delete()
        pagecache.purge_all()
        caches["default"].clear()
        assert Client().get(url).status_code == 404
        served = _served_from(restored_name, [a.url for a in articles] + ["/"])
        assert served[url][0] == 200 and "Sơn Hà khởi công cầu số 1" in served[url][1]
        assert all(status == 200 for status, _ in served.values()), {u: s for u, (s, _) in served.items()}
        print(
            f"pg_dump {dump_seconds:.2f} s ({dump.stat().st_size} bytes) during {writer.committed} writes, "
            f"pg_restore {restore_seconds:.2f} s, {len(copy)} tables, {sum(copy.values())} rows, "
            f"snapshot after write {added}; {len(seeded)} + {added} documents"
        )
    finally:
        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')


def _served_from(database_name, paths):
    """GET ``paths`` with Django's test client, the default database pointed at ``database_name``."""
    default = connections["default"]
    original = default.settings_dict["NAME"]
    default.close()
    default.settings_dict["NAME"] = database_name
    try:
        pagecache.purge_all()
        caches["default"].clear()
        client = Client()
        results = {}
        for path in paths:
            response = client.get(path)
            results[path] = (response.status_code, response.content.decode() if response.status_code == 200 else "")
        assert connection.settings_dict["NAME"] == database_name
        return results
    finally:
        default.close()
        default.settings_dict["NAME"] = original
        pagecache.purge_all()
        caches["default"].clear()
