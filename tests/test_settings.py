"""Settings: Vietnamese from the start, environment-driven, and every variable documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _settings_in_subprocess(env, expr, module="vnportal.settings.base"):
    """Import a settings module in a clean interpreter with exactly this environment."""
    code = f"import json, importlib; s = importlib.import_module({module!r}); print(json.dumps({expr}, default=str))"
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, cwd=ROOT
    )
    return result


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ


def test_every_environment_variable_is_documented():
    docs = (ROOT / "docs" / "settings.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", docs))
    read = set()
    for path in (ROOT / "vnportal" / "settings").glob("*.py"):
        read |= set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", path.read_text()))
        read |= set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z0-9_]+)\"", path.read_text()))
    read.discard("XDG_DATA_HOME")  # a desktop convention, not ours
    assert read, "the scan found no settings at all"
    assert read - documented == set(), "undocumented settings; add them to docs/settings.md"


def test_sqlite_default_in_data_dir_with_wal(tmp_path):
    result = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path)}, "s.DATABASES['default']")
    assert result.returncode == 0, result.stderr
    db = __import__("json").loads(result.stdout)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "vnportal.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["timeout"] >= 5
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_and_redis_url(tmp_path):
    result = _settings_in_subprocess(
        {
            "VNPORTAL_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u:p@db.example:5433/portal",
            "REDIS_URL": "redis://cache.example:6379/2",
        },
        "[s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], s.DATABASES['default']['PORT'],"
        " s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE]",
    )
    assert result.returncode == 0, result.stderr
    assert __import__("json").loads(result.stdout) == [
        "django.db.backends.postgresql",
        "db.example",
        5433,
        "django_redis.cache.RedisCache",
        "redis://cache.example:6379/2",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_secret_key_is_generated_once_and_kept(tmp_path):
    first = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path)}, "s.SECRET_KEY")
    second = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path)}, "s.SECRET_KEY")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    given = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path), "SECRET_KEY": "from-env"}, "s.SECRET_KEY")
    assert given.stdout.strip() == '"from-env"'


def test_debug_off_by_default_and_bad_boolean_refused(tmp_path):
    off = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path)}, "s.DEBUG")
    assert off.stdout.strip() == "false"
    bad = _settings_in_subprocess({"VNPORTAL_DATA_DIR": str(tmp_path), "DEBUG": "maybe"}, "s.DEBUG")
    assert bad.returncode != 0 and "DEBUG must be a boolean" in bad.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "REDIS_URL"])
def test_production_refuses_to_start_without_its_services(tmp_path, missing):
    env = {
        "VNPORTAL_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "postgres://u@h/d",
        "REDIS_URL": "redis://h:6379/0",
    }
    env.pop(missing)
    result = _settings_in_subprocess(env, "s.DEBUG", module="vnportal.settings.production")
    assert result.returncode != 0 and missing in result.stderr
