"""``vnportal backup FILE`` and ``vnportal restore FILE``: the embedded profile in one archive.

The archive (tar + gzip, mode 0600: it holds password hashes and the secret key) contains

    data/vnportal.sqlite3        a copy made by SQLite's online backup API
    data/secret_key              signs sessions, poll cookies, beacon tokens
    data/admin_password.txt      the first administrator's password, if still there
    media/…                      every upload and rendition
    manifest.json                format, date, and the size and SHA-256 of every member

**Safe while the site serves and writes.** The database is copied in one step of the
backup API, inside one read transaction: in WAL mode that is a consistent snapshot and
writers are not held up. The media are copied *after* it: a file is saved before the row
naming it is committed, so every file the snapshot names is already complete on disk
(files written later are copied too, or not; nothing refers to them). The archive is
written beside FILE and renamed into place, so FILE is never half-written.

**Restore checks before it touches anything.** Every member's size and checksum, the
member names (no absolute paths, no "..", no links) and SQLite's integrity check on the
copy are verified in a staging folder inside the data directory; only then are the files
moved into place. A data directory that is not empty is refused unless ``force``.

Production (PostgreSQL, shared media) uses pg_dump and rsync instead: docs/production.md.
"""

import datetime
import functools
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

FORMAT = "vnportal-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_FILES = ("vnportal.sqlite3", "secret_key", "admin_password.txt")
DATABASE_MEMBER = "data/vnportal.sqlite3"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Refused or failed; the message says why, for the person at the terminal."""


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _copy_database(database, target):
    """A consistent copy of the live SQLite file, in one step of the online backup API."""
    source = sqlite3.connect(database, timeout=60)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # pages=-1: everything inside one read transaction (a snapshot)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal to carry
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(_("The copy of the database failed SQLite's integrity check."))
        finally:
            copy.close()
    finally:
        source.close()


def _add(archive, manifest, name, data, mtime):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = mtime
    archive.addfile(info, io.BytesIO(data))
    manifest[name] = {"size": len(data), "sha256": _sha256(data)}


def _add_static_file(archive, manifest, name, path, mtime):
    """A file nothing else writes (our own copy of the database): streamed, not read into memory."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    info = archive.gettarinfo(path, arcname=name)
    info.mode, info.mtime, info.uid, info.gid, info.uname, info.gname = 0o600, mtime, 0, 0, "", ""
    with open(path, "rb") as handle:
        archive.addfile(info, handle)
    manifest[name] = {"size": size, "sha256": digest.hexdigest()}


def create_backup(destination, *, data_dir, database, media_root):
    """Write the archive to ``destination``; returns its manifest."""
    destination = Path(destination).resolve()
    data_dir, media_root, database = Path(data_dir), Path(media_root), Path(database)
    if not database.is_file():
        raise BackupError(_("There is no database at %(path)s.") % {"path": database})
    if destination.is_relative_to(media_root.resolve()):
        raise BackupError(_("Write the backup outside the media folder %(path)s.") % {"path": media_root})
    destination.parent.mkdir(parents=True, exist_ok=True)
    members = {}
    with tempfile.TemporaryDirectory(prefix=".vnportal-backup-", dir=destination.parent) as staging:
        copy = Path(staging) / "database.sqlite3"
        _copy_database(database, copy)
        partial = destination.with_name(f".{destination.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                now = int(datetime.datetime.now().timestamp())
                _add_static_file(archive, members, DATABASE_MEMBER, copy, now)
                for name in DATA_FILES[1:]:
                    path = data_dir / name
                    if path.is_file():
                        _add(archive, members, f"data/{name}", path.read_bytes(), int(path.stat().st_mtime))
                for path in _media_files(media_root):
                    try:
                        data = path.read_bytes()
                        mtime = int(path.stat().st_mtime)
                    except FileNotFoundError:  # deleted while we walked (a replaced rendition)
                        continue
                    _add(archive, members, "media/" + path.relative_to(media_root).as_posix(), data, mtime)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    "files": members,
                }
                _add(archive, {}, MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode(), now)
            os.replace(partial, destination)
        finally:
            if partial.exists():
                partial.unlink()
    return manifest


def _media_files(media_root):
    if not media_root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path


# --- Restore ------------------------------------------------------------------------------------


def _safe_name(name):
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == MANIFEST or (len(path.parts) >= 2 and path.parts[0] in ("data", "media")))
    )


def read_checked(archive_path, staging=None):
    """Verify the archive, streaming it (into ``staging`` when given); returns the manifest.

    Raises BackupError on anything unexpected: unreadable, unknown format, a member that is
    not a plain file under data/ or media/, a member missing from the manifest or the other
    way round, a size or SHA-256 that differs.
    """
    bad = _("%(file)s is not a usable vnportal backup: %(reason)s")

    def refuse(reason):
        return BackupError(bad % {"file": archive_path, "reason": reason})

    seen, manifest_bytes = {}, None
    try:
        with tarfile.open(archive_path, mode="r:*") as archive:
            for member in archive:
                if not member.isfile() or not _safe_name(member.name) or member.name in seen:
                    raise refuse(_("unexpected entry “%(name)s”") % {"name": member.name})
                source = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest_bytes = source.read()
                    seen[member.name] = None
                    continue
                digest, size, handle = hashlib.sha256(), 0, None
                if staging is not None:
                    path = Path(staging) / member.name
                    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                    handle = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
                try:
                    for chunk in iter(functools.partial(source.read, CHUNK), b""):
                        digest.update(chunk)
                        size += len(chunk)
                        if handle is not None:
                            handle.write(chunk)
                finally:
                    if handle is not None:
                        handle.close()
                seen[member.name] = {"size": size, "sha256": digest.hexdigest()}
    except BackupError:
        raise
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        raise refuse(str(exc)) from exc
    try:
        manifest = json.loads(manifest_bytes)
    except (TypeError, ValueError) as exc:
        raise refuse(_("no manifest")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise refuse(_("unknown format"))
    seen.pop(MANIFEST)
    listed = manifest.get("files") or {}
    if set(listed) != set(seen) or DATABASE_MEMBER not in seen:
        raise refuse(_("files missing or not listed"))
    for name, found in seen.items():
        if found != {"size": listed[name].get("size"), "sha256": listed[name].get("sha256")}:
            raise refuse(_("“%(name)s” is damaged (checksum)") % {"name": name})
    return manifest


def _is_empty(path):
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def restore_backup(archive_path, *, data_dir, database, media_root, force=False):
    """Put the archive's files in place; returns the manifest. Nothing is touched on refusal."""
    data_dir, media_root, database = Path(data_dir), Path(media_root), Path(database)
    read_checked(archive_path)  # the whole archive, before anything is created or removed
    targets = [data_dir]
    targets += [path for path in (media_root, database) if not path.is_relative_to(data_dir)]
    occupied = [str(path) for path in targets if not _is_empty(path)]
    if occupied and not force:
        raise BackupError(
            _("%(paths)s is not empty: restore into an empty data directory, or add --force to replace it.")
            % {"paths": ", ".join(occupied)}
        )
    old_umask = os.umask(0o077)
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".vnportal-restore-", dir=data_dir))
        try:
            manifest = read_checked(archive_path, staging)
            placed = sorted(manifest["files"])
            _check_database(staging / DATABASE_MEMBER)
            # Verified: now, and only now, what was there goes and the backup takes its place.
            if force:
                for target in targets:
                    _clear(target, keep=staging)
            for source, destination in _destinations(placed, staging, data_dir, database, media_root):
                destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.replace(source, destination)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.umask(old_umask)
    return manifest


def _check_database(path):
    check = sqlite3.connect(path)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    finally:
        check.close()
    if result != "ok":
        raise BackupError(
            _("The database in the backup failed SQLite's integrity check: %(result)s") % {"result": result}
        )


def _destinations(placed, staging, data_dir, database, media_root):
    # Top-level media folders are moved whole (one rename each); data files one by one.
    seen = set()
    for name in placed:
        parts = PurePosixPath(name).parts
        if parts[0] == "data":
            target = database if name == DATABASE_MEMBER else data_dir / parts[1]
            yield staging / name, target
        elif parts[1] not in seen:
            seen.add(parts[1])
            yield staging / "media" / parts[1], media_root / parts[1]


def _clear(path, keep):
    if not path.exists():
        return
    if path.is_file() or path.is_symlink():
        path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    for entry in path.iterdir():
        if entry == keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
