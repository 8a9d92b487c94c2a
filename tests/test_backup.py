"""`vnportal backup` / `vnportal restore` of the embedded profile (issue 12, acceptance 5)."""

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection, connections
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.support.documents import make_document
from tests.support.net import free_port
from vnportal.core.backup import BackupError, create_backup, read_checked, restore_backup
from vnportal.library.models import DocumentAttachment
from vnportal.news.demo.images import landscape_png
from vnportal.news.models import ArticlePage

ROOT = Path(__file__).resolve().parents[1]
sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="backup/restore is the embedded profile's (SQLite); PostgreSQL uses pg_dump (docs/production.md)",
)


def embedded_env(data_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "SECRET_KEY")}
    env.update(DJANGO_SETTINGS_MODULE="vnportal.settings.base", VNPORTAL_DATA_DIR=str(data_dir), **extra)
    return env


def vnportal(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "vnportal.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def h1(html):
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


# --- The whole site, backed up while a thread writes --------------------------------------------


class Writer(threading.Thread):
    """Publishes one article after another, each in its own transaction, until stopped."""

    def __init__(self, section):
        super().__init__(daemon=True)
        self.section_id = section.pk
        self.created = []
        self.stop = threading.Event()
        self.error = None

    def run(self):
        from vnportal.news.models import SectionPage

        try:
            section = SectionPage.objects.get(pk=self.section_id)
            number = 0
            while not self.stop.is_set():
                number += 1
                article = ArticlePage(title=f"Tin nhanh số {number}", lead="Tin viết trong lúc sao lưu.")
                section.add_child(instance=article)
                article.save_revision().publish()
                section.refresh_from_db()
                self.created.append(article.title)
        except Exception as exc:  # reported by the test
            self.error = exc
        finally:
            connections.close_all()

    def wait_for(self, count, timeout=90):
        deadline = time.monotonic() + timeout
        while len(self.created) < count and time.monotonic() < deadline and self.error is None:
            time.sleep(0.05)
        assert self.error is None, self.error
        assert len(self.created) >= count, "the writer is too slow"


def serve(data_dir):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vnportal.cli",
            "run",
            "--no-demo",
            "--no-scheduler",
            "--workers",
            "1",
            "--port",
            str(port),
        ],
        env=embedded_env(data_dir, PAGE_CACHE_SECONDS="0", STATS_ENABLED="0"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return port, process
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    process.terminate()
    raise AssertionError("the restored site did not start")


def fetch(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_during_writes_restores_into_an_empty_directory_and_serves_the_same_site(
    client, tmp_path, site, make_section, make_article
):
    economy = make_section("Kinh tế")
    for number in range(3):
        image = get_image_model().objects.create(
            title=f"Ảnh {number}",
            file=ImageFile(io.BytesIO(landscape_png(number, (40, 80, 120))), name=f"a{number}.png"),
        )
        make_article(f"Bài có ảnh số {number}", parent=economy, hero_image=image)
    get_document_model().objects.create(title="Báo cáo", file=ContentFile(b"bao cao", name="bao-cao.txt"))
    library_document = make_document(view_count=17)
    attachment = DocumentAttachment.objects.create(
        document=library_document, file=ContentFile(b"%PDF-1.4 van ban", name="nq.pdf")
    )
    stream = make_section("Dòng sự kiện")
    before = set(ArticlePage.objects.live().values_list("title", flat=True))

    writer = Writer(stream)
    writer.start()
    try:
        writer.wait_for(2)
        archive = tmp_path / "sao-luu.tar.gz"
        database = connection.settings_dict["NAME"]
        started_after = len(writer.created)
        result = vnportal(
            "backup",
            str(archive),
            env=embedded_env(
                settings.DATA_DIR, DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(settings.MEDIA_ROOT)
            ),
        )
        finished_before = len(writer.created)
        assert result.returncode == 0, result.stderr
        writer.wait_for(finished_before + 2)
    finally:
        writer.stop.set()
        writer.join(30)
    assert writer.error is None, writer.error
    assert finished_before > started_after, "no article was written while the backup ran"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    restored = tmp_path / "restored"
    result = vnportal("restore", str(archive), env=embedded_env(restored))
    assert result.returncode == 0, result.stderr
    assert (restored / "secret_key").read_text() == (Path(settings.DATA_DIR) / "secret_key").read_text()

    # A consistent snapshot: all that was there before, and the writer's articles up to one point.
    db = sqlite3.connect(restored / "vnportal.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    titles = {
        row[0]
        for row in db.execute(
            "SELECT p.title FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id WHERE p.live"
        )
    }
    written = titles - before
    assert before <= titles
    assert written == set(writer.created[: len(written)]), "the restored articles are not a prefix of what was written"
    assert started_after <= len(written) <= finished_before
    print(
        f"\nwritten before the backup: {started_after}, in the archive: {len(written)}, "
        f"when it finished: {finished_before}, in all: {len(writer.created)}"
    )
    counts = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)
        for table in ("wagtailimages_image", "wagtaildocs_document", "library_document", "library_documentattachment")
    }
    assert counts == {
        "wagtailimages_image": 3,
        "wagtaildocs_document": 1,
        "library_document": 1,
        "library_documentattachment": 1,
    }
    live_paths = [row[0] for row in db.execute("SELECT url_path FROM wagtailcore_page WHERE live AND depth > 2")]
    db.close()

    port, server = serve(restored)
    try:
        home_root = site.root_page.url_path
        pages = 0
        for url_path in live_paths:
            path = "/" + url_path[len(home_root) :]
            status, body = fetch(port, path)
            original = client.get(path)
            assert status == 200 == original.status_code, path
            assert h1(body.decode()) == h1(original.content.decode()), path
            for media in set(re.findall(r'/media/images/[^"\s]+', body.decode())):
                assert fetch(port, media)[0] == 200, media
            pages += 1
        assert pages == len(titles) + 3  # the articles and the three sections (with the fixtures' own)
        for image in get_image_model().objects.all():
            status, body = fetch(port, "/media/" + image.file.name)
            assert status == 200 and body == image.file.open("rb").read()
        status, body = fetch(port, attachment.get_absolute_url())
        assert status == 200 and body == b"%PDF-1.4 van ban"
        status, body = fetch(port, library_document.get_absolute_url())
        assert status == 200 and "17" in body.decode()  # the view count came along (17, then this view)
    finally:
        server.terminate()
        server.wait(20)

    # A second restore into the now non-empty directory is refused and changes nothing …
    marker = (restored / "vnportal.sqlite3").stat().st_mtime_ns
    result = vnportal("restore", str(archive), env=embedded_env(restored))
    assert result.returncode == 1 and "--force" in result.stderr
    assert (restored / "vnportal.sqlite3").stat().st_mtime_ns == marker
    # … unless told.
    (restored / "stray.txt").write_text("x")
    result = vnportal("restore", "--force", str(archive), env=embedded_env(restored))
    assert result.returncode == 0, result.stderr
    assert not (restored / "stray.txt").exists() and (restored / "vnportal.sqlite3").exists()


# --- The archive is checked before anything is touched --------------------------------------------


@pytest.fixture
def small_site(tmp_path):
    data = tmp_path / "data"
    (data / "media" / "images").mkdir(parents=True)
    db = sqlite3.connect(data / "vnportal.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE article (title TEXT)")
    db.execute("INSERT INTO article VALUES ('Tin một')")
    db.commit()
    db.close()
    (data / "secret_key").write_text("khoa-bi-mat")
    (data / "admin_password.txt").write_text("mat-khau\n")
    (data / "media" / "images" / "a.png").write_bytes(b"png" * 1000)
    archive = tmp_path / "b.tar.gz"
    create_backup(archive, data_dir=data, database=data / "vnportal.sqlite3", media_root=data / "media")
    return data, archive


def restore_into(target, archive, **kwargs):
    return restore_backup(
        archive, data_dir=target, database=target / "vnportal.sqlite3", media_root=target / "media", **kwargs
    )


def test_backup_and_restore_round_trip_with_private_modes(small_site, tmp_path):
    data, archive = small_site
    manifest = read_checked(archive)
    assert set(manifest["files"]) == {
        "data/vnportal.sqlite3",
        "data/secret_key",
        "data/admin_password.txt",
        "media/images/a.png",
    }
    target = tmp_path / "new"
    restore_into(target, archive)
    assert (target / "secret_key").read_text() == "khoa-bi-mat"
    assert (target / "media" / "images" / "a.png").read_bytes() == b"png" * 1000
    assert sqlite3.connect(target / "vnportal.sqlite3").execute("SELECT title FROM article").fetchall() == [
        ("Tin một",)
    ]
    for path in [target, *target.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path
    assert not [p for p in target.iterdir() if p.name.startswith(".vnportal-restore")]


def _rewrite(archive, destination, change):
    """Copy ``archive`` to ``destination`` with ``change(name, data) -> (name, data) | None`` applied."""
    with tarfile.open(archive) as source, tarfile.open(destination, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            changed = change(member.name, data)
            if changed is None:
                continue
            info = tarfile.TarInfo(changed[0])
            info.size = len(changed[1])
            target.addfile(info, io.BytesIO(changed[1]))
    return destination


@pytest.mark.parametrize(
    "damage,reason",
    [
        (lambda name, data: (name, data[:-1] + b"X") if name.endswith("a.png") else (name, data), "a.png"),
        (lambda name, data: None if name.endswith("secret_key") else (name, data), _("files missing or not listed")),
        (lambda name, data: ("../../evil" if name.endswith("a.png") else name, data), "evil"),
        (lambda name, data: None if name == "manifest.json" else (name, data), _("no manifest")),
        (
            lambda name, data: (
                (name, json.dumps({**json.loads(data), "format": "other"}).encode())
                if name == "manifest.json"
                else (name, data)
            ),
            _("unknown format"),
        ),
    ],
)
def test_a_damaged_archive_is_refused_and_nothing_is_touched(small_site, tmp_path, damage, reason):
    _data, archive = small_site
    bad = _rewrite(archive, tmp_path / "bad.tar.gz", damage)
    target = tmp_path / "target"
    with pytest.raises(BackupError, match=re.escape(str(reason))):
        restore_into(target, bad)
    assert not target.exists()
    # Into an existing site with --force: refused before anything there is removed.
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "vnportal.sqlite3").write_text("the site that was there")
    with pytest.raises(BackupError):
        restore_into(occupied, bad, force=True)
    assert [p.name for p in occupied.iterdir()] == ["vnportal.sqlite3"]
    assert (occupied / "vnportal.sqlite3").read_text() == "the site that was there"


def test_a_truncated_archive_is_refused(small_site, tmp_path):
    _data, archive = small_site
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError):
        restore_into(tmp_path / "t", truncated)
    assert not (tmp_path / "t").exists()


def test_a_database_that_fails_its_integrity_check_is_refused(small_site, tmp_path):
    _data, archive = small_site

    def corrupt(name, data):
        return (name, data[:100] + b"\0" * (len(data) - 100)) if name.endswith(".sqlite3") else (name, data)

    with tarfile.open(archive) as source:
        manifest = json.loads(source.extractfile("manifest.json").read())

    def corrupt_and_relist(name, data):
        name, data = corrupt(name, data)
        if name == "manifest.json":
            import hashlib

            with tarfile.open(archive) as again:
                db = corrupt("x.sqlite3", again.extractfile("data/vnportal.sqlite3").read())[1]
            manifest["files"]["data/vnportal.sqlite3"] = {"size": len(db), "sha256": hashlib.sha256(db).hexdigest()}
            data = json.dumps(manifest).encode()
        return name, data

    bad = _rewrite(archive, tmp_path / "bad.tar.gz", corrupt_and_relist)
    with pytest.raises(BackupError, match="SQLite"):
        restore_into(tmp_path / "t", bad)
    assert not (tmp_path / "t" / "vnportal.sqlite3").exists()


def test_the_commands_refuse_postgresql(tmp_path):
    env = embedded_env(tmp_path / "d", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    result = vnportal("restore", str(tmp_path / "x.tar.gz"), env=env)
    assert result.returncode == 1 and "pg_restore" in result.stderr
    assert not (tmp_path / "d").exists()


def test_restore_needs_no_settings_and_creates_nothing_on_refusal(small_site, tmp_path):
    _data, archive = small_site
    missing = vnportal("restore", str(tmp_path / "nope.tar.gz"), env=embedded_env(tmp_path / "d"))
    assert missing.returncode == 1 and "nope.tar.gz" in missing.stderr
    assert not (tmp_path / "d").exists()
    shutil.copy(archive, tmp_path / "ok.tar.gz")
    done = vnportal("restore", str(tmp_path / "ok.tar.gz"), env=embedded_env(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        "admin_password.txt",
        "media",
        "secret_key",
        "vnportal.sqlite3",
    ]
