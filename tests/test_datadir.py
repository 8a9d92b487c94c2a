"""Data at rest (issue 12, acceptance 4): the data directory is the portal user's alone."""

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from vnportal.settings.base import env_octal
from vnportal.settings.datadir import secure_data_dir

ROOT = Path(__file__).resolve().parents[1]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def run_portal(data_dir, code, **env):
    """Python ``code`` in a fresh embedded-profile process, under the permissive umask 022 a
    desktop session has: what is private must not depend on the caller's umask."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "SECRET_KEY")
    }
    environ.update(DJANGO_SETTINGS_MODULE="vnportal.settings.base", VNPORTAL_DATA_DIR=str(data_dir), **env)
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environ,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )


WRITE_EVERYTHING = """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connection
    from vnportal.core import generations
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (x)")
        cursor.execute("INSERT INTO t VALUES (1)")
    default_storage.save("images/2025/a.webp", ContentFile(b"webp"))
    generations.FileGeneration(__import__("django.conf").conf.settings.DATA_DIR / "page-cache-generation").bump()
    import os
    from pathlib import Path
    from django.conf import settings
    # While the connection is open SQLite's -wal and -shm files exist: list them too.
    for path in sorted([Path(settings.DATA_DIR), *Path(settings.DATA_DIR).rglob("*")]):
        print(oct(os.stat(path).st_mode & 0o7777), path.relative_to(settings.DATA_DIR))
"""


def test_a_new_data_directory_and_everything_the_portal_writes_are_private(tmp_path):
    data = tmp_path / "du-lieu"
    result = run_portal(data, WRITE_EVERYTHING)
    assert result.returncode == 0, result.stderr
    listed = dict(line.split(" ", 1)[::-1] for line in result.stdout.splitlines())
    for name in (
        "vnportal.sqlite3",
        "vnportal.sqlite3-wal",
        "vnportal.sqlite3-shm",
        "secret_key",
        "page-cache-generation",
        "media/images/2025/a.webp",
    ):
        assert listed.get(name) == "0o600", (name, listed)
    for name in (".", "media", "media/images", "media/images/2025"):
        assert listed.get(name) == "0o700", (name, listed)
    assert all(value in ("0o600", "0o700") for value in listed.values()), listed


def test_the_first_admin_password_file_is_private(tmp_path):
    code = """
        from django.contrib.auth.models import Group, Permission, User
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection
        from vnportal.core.management.commands.demo import Command
        with connection.schema_editor() as editor:  # the users' tables are enough (a full migrate is slow)
            for model in (ContentType, Permission, Group, User):
                editor.create_model(model)
        Command()._admin_account()
    """
    result = run_portal(tmp_path / "d", code)
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "d" / "admin_password.txt") == 0o600


def test_a_looser_existing_directory_is_tightened_with_a_log_line(tmp_path, caplog):
    data = tmp_path / "old"
    (data / "media" / "images").mkdir(parents=True)
    for path in (data / "vnportal.sqlite3", data / "secret_key", data / "media" / "images" / "a.png"):
        path.write_text("x")
        path.chmod(0o644)
    for path in (data, data / "media", data / "media" / "images"):
        path.chmod(0o755)
    with caplog.at_level(logging.WARNING, logger="vnportal.security"):
        tightened = secure_data_dir(data)
    assert len(tightened) == 6
    assert all(mode(p) == 0o700 for p in (data, data / "media", data / "media" / "images"))
    assert all(mode(p) == 0o600 for p in (data / "vnportal.sqlite3", data / "secret_key", data / "media/images/a.png"))
    assert any("readable by other users" in r.getMessage() and str(data) in r.getMessage() for r in caplog.records)
    # Once tight, a start checks a few files and says nothing.
    caplog.clear()
    (data / "secret_key").chmod(0o640)
    assert secure_data_dir(data) == [data / "secret_key"] and mode(data / "secret_key") == 0o600
    caplog.clear()
    assert secure_data_dir(data) == [] and not caplog.records


def test_starting_the_portal_tightens_a_loose_directory_and_says_so(tmp_path):
    data = tmp_path / "d"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "secret_key").write_text("k" * 50)
    (data / "secret_key").chmod(0o644)
    result = run_portal(data, "print('ok')")
    assert result.returncode == 0, result.stderr
    assert "readable by other users" in result.stderr
    assert mode(data) == 0o700 and mode(data / "secret_key") == 0o600


def test_production_media_readable_by_nginx_group_outside_the_data_directory(tmp_path):
    """docs/production.md: media outside DATA_DIR, files 0640, folders 2750 (group www-data)."""
    media = tmp_path / "public" / "media"
    media.mkdir(parents=True)
    media.chmod(0o2750)
    code = """
        import os
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        name = default_storage.save("original_images/a.png", ContentFile(b"png"))
        print(oct(os.stat(default_storage.path(name)).st_mode & 0o7777))
        print(oct(os.stat(os.path.dirname(default_storage.path(name))).st_mode & 0o7777))
    """
    result = run_portal(
        tmp_path / "data",
        code,
        MEDIA_ROOT=str(media),
        MEDIA_FILE_PERMISSIONS="0640",
        MEDIA_DIRECTORY_PERMISSIONS="2750",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0o640", "0o2750"]
    assert mode(tmp_path / "data") == 0o700


def test_a_file_mode_setting_must_be_octal(monkeypatch):
    monkeypatch.setenv("MEDIA_FILE_PERMISSIONS", "rw-r-----")
    with pytest.raises(ImproperlyConfigured, match="octal"):
        env_octal("MEDIA_FILE_PERMISSIONS", 0o600)
    monkeypatch.setenv("MEDIA_FILE_PERMISSIONS", "0640")
    assert env_octal("MEDIA_FILE_PERMISSIONS", 0o600) == 0o640
