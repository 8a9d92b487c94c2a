"""The data directory: where it is, and that nobody else on the machine can read it.

It holds the SQLite file (password hashes, live session keys that open the admin), the
secret key and the first administrator's password, so it is created 0700 and everything
in it 0600. A directory left looser by an older version (or by a ``cp -a`` from another
machine) is tightened at start, with a log line.

Importing this module has no side effect: ``vnportal restore`` uses it to find the
directory without loading the settings (which would create files in it).
"""

import logging
import os
import stat
from pathlib import Path

logger = logging.getLogger("vnportal.security")

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
DATABASE_FILE = "vnportal.sqlite3"
SECRET_KEY_FILE = "secret_key"
ADMIN_PASSWORD_FILE = "admin_password.txt"


def data_dir_from_env(environ=None):
    environ = os.environ if environ is None else environ
    default = Path(environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "vnportal"
    return Path(environ.get("VNPORTAL_DATA_DIR") or default).expanduser().resolve()


def _loose(mode, wanted):
    return stat.S_IMODE(mode) & ~wanted & 0o777 != 0


def _tighten(path, wanted):
    os.chmod(path, wanted)


def secure_data_dir(path):
    """Create ``path`` 0700, or tighten it and everything in it; returns what was tightened.

    Only a directory that was itself looser is walked (once: afterwards it is 0700), so a
    start costs one ``stat`` per known file, not one per upload. Files the portal writes
    are then created 0600 by their writers (FILE_UPLOAD_PERMISSIONS, the SQLite file made
    before SQLite opens it, the secret key, the generation files).
    """
    path = Path(path)
    old_umask = os.umask(0o077)
    try:
        path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    finally:
        os.umask(old_umask)
    tightened = []
    info = path.stat()
    walk = _loose(info.st_mode, DIRECTORY_MODE)
    if walk:
        _tighten(path, DIRECTORY_MODE)
        tightened.append(path)
    known = (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", SECRET_KEY_FILE, ADMIN_PASSWORD_FILE)
    candidates = _walk(path) if walk else (path / name for name in known)
    for candidate in candidates:
        try:
            info = candidate.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        wanted = DIRECTORY_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        if _loose(info.st_mode, wanted):
            _tighten(candidate, wanted)
            tightened.append(candidate)
    if tightened:
        logger.warning(
            "Data directory %s was readable by other users: tightened %d entr%s to 0700/0600 (%s%s).",
            path,
            len(tightened),
            "y" if len(tightened) == 1 else "ies",
            ", ".join(str(p.relative_to(path)) or "." for p in tightened[:5]),
            ", …" if len(tightened) > 5 else "",
        )
    return tightened


def _walk(root):
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            yield Path(directory) / name


def create_private_file(path):
    """Create an empty file 0600 if it does not exist (the SQLite file, before SQLite opens it:
    SQLite gives its -wal and -shm files the database file's own mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except (FileExistsError, FileNotFoundError):  # there already; or no folder, which SQLite reports itself
        pass


def write_private_file(path, text):
    """Write ``text`` to a new file that only the owner can read, replacing ``path`` atomically."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)
