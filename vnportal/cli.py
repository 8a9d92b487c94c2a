"""The ``vnportal`` command.

vnportal run [--host H] [--port P] [--workers N] [--threads T] migrate, demo content if empty, serve
vnportal demo                                      create demo content (idempotent)
vnportal worker [--once]                           the scheduler, for production
vnportal import FILE [--visits-offset N] …         articles from an old portal (docs/import.md)
vnportal backup FILE                               the embedded site (database, media, keys) in one archive
vnportal restore FILE [--force]                    put such an archive back into an empty data directory
vnportal manage <django command> …                 any Django management command
"""

import argparse
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from vnportal.core import registry, serving
from vnportal.core.backup import BackupError, create_backup, restore_backup
from vnportal.settings.datadir import DATABASE_FILE, data_dir_from_env

DEFAULT_SETTINGS = "vnportal.settings.base"


def use_checkout_data_dir(cwd=None):
    """In a checkout where `make run` keeps its data (./var, VNPORTAL_DATA_DIR in the Makefile),
    every `vnportal` command uses that data too, so `vnportal manage section_role …` as the
    docs write it reaches the database `make run` serves. An explicit VNPORTAL_DATA_DIR wins."""
    if os.environ.get("VNPORTAL_DATA_DIR"):
        return None
    var = Path(cwd or os.getcwd()) / "var"
    if (var / "secret_key").is_file() or (var / "vnportal.sqlite3").is_file():
        os.environ["VNPORTAL_DATA_DIR"] = str(var.resolve())
        return var
    return None


def _setup():
    use_checkout_data_dir()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _site_is_empty():
    """No article yet (the content apps registered their article types during django.setup())."""
    return not any(model.objects.exists() for model in registry.ARTICLE_PAGES)


def served_url(host, port):
    """The address ``vnportal run`` serves on, as readers would type it: the public address
    when VNPORTAL_PUBLIC_URL is unset. A wildcard bind (0.0.0.0, ::) is reached by this
    machine's name, not by the wildcard."""
    if host in ("", "0.0.0.0", "::", "[::]"):
        host = socket.gethostname() or "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}" if port != 80 else f"http://{host}"


def cmd_run(args):
    # Nothing the embedded server or its scheduler writes (SQLite, uploads, tokens) is for
    # other local users; production's gunicorn does not pass here (docs/production.md).
    os.umask(0o077)
    # Before Django reads its settings; the scheduler started below inherits it too.
    if not os.environ.get("VNPORTAL_PUBLIC_URL"):
        os.environ["VNPORTAL_PUBLIC_URL"] = served_url(args.host, args.port)
    _setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    if not args.no_demo and _site_is_empty():
        call_command("demo")
    # gunicorn forks its workers from this process: no connection may be shared.
    connections.close_all()

    scheduler = None
    if not args.no_scheduler:
        scheduler = subprocess.Popen([sys.executable, "-m", "vnportal.cli", "worker"])
    try:
        _serve(args)
    finally:
        if scheduler is not None:
            scheduler.send_signal(signal.SIGTERM)
            try:
                scheduler.wait(timeout=10)
            except subprocess.TimeoutExpired:
                scheduler.kill()


def _serve(args):
    from gunicorn.app.base import BaseApplication

    # Only here: importing the WSGI module configures Django for the server, not for every command.
    from vnportal.wsgi import application

    serving.hide_server_header()  # no "Server: gunicorn" banner (vnportal/core/serving.py)

    options = {
        "bind": f"{args.host}:{args.port}" if ":" not in args.host else f"[{args.host}]:{args.port}",
        "workers": args.workers,
        # Threads, not one request per process: a reader's browser (and nginx) keeps its
        # connection open between requests (gthread holds idle ones without a thread), and a
        # page from the page cache costs less than a new connection. Rendering stays parallel
        # across the worker processes; few threads each (--threads).
        "worker_class": "vnportal.core.serving.BalancedThreadWorker",  # gthread, fair between workers
        "threads": args.threads,
        "keepalive": 5,
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": "-" if args.access_log else None,
        "errorlog": "-",
        "proc_name": "vnportal",
    }

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            return application

    from django.conf import settings

    print(f"vnportal: {settings.PUBLIC_URL}/  (quản trị: {settings.PUBLIC_URL}/quan-tri/)", flush=True)
    Server().run()


def cmd_demo(args):
    _setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo")


def cmd_worker(args):
    _setup()
    from django.core.management import call_command

    call_command("worker", once=args.once)


def cmd_import(args):
    _setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("migrate", interactive=False, verbosity=0)
    options = {"format": args.format, "no_progress": args.no_progress, "max_line_mb": args.max_line_mb}
    if args.images_dir:
        options["images_dir"] = args.images_dir
    if args.visits_offset is not None:
        options["visits_offset"] = args.visits_offset
    try:
        call_command("import_articles", args.file, **options)
    except CommandError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(exc.returncode)  # 2: some items were refused (the others are imported); 1: nothing done


def cmd_backup(args):
    _setup()
    from django.conf import settings
    from django.db import connections
    from django.utils.translation import gettext as _

    database = connections["default"].settings_dict
    if database["ENGINE"] != "django.db.backends.sqlite3":
        _fail(_("vnportal backup is for the embedded profile (SQLite). On PostgreSQL use pg_dump."))
    try:
        manifest = create_backup(
            args.file, data_dir=settings.DATA_DIR, database=database["NAME"], media_root=settings.MEDIA_ROOT
        )
    except (BackupError, OSError) as exc:
        _fail(str(exc))
    print(_("Backup written to %(file)s: %(count)d files.") % {"file": args.file, "count": len(manifest["files"])})
    if "data/secret_key" not in manifest["files"]:
        print(_("The secret key comes from the environment (SECRET_KEY): keep it as well, it is not in the archive."))


def cmd_restore(args):
    # No project settings here: loading them would create files (secret key, static folder)
    # in the very data directory that must be empty. Only translations are set up.
    import dj_database_url
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, LANGUAGE_CODE="vi", LOCALE_PATHS=[Path(__file__).resolve().parent / "locale"])
    django.setup()
    from django.utils.translation import gettext as _

    data_dir = data_dir_from_env()
    database = data_dir / DATABASE_FILE
    if os.environ.get("DATABASE_URL"):
        parsed = dj_database_url.parse(os.environ["DATABASE_URL"])
        if parsed["ENGINE"] != "django.db.backends.sqlite3":
            _fail(_("vnportal restore is for the embedded profile (SQLite). On PostgreSQL use pg_restore."))
        database = Path(parsed["NAME"]).expanduser().resolve()
    media_root = Path(os.environ.get("MEDIA_ROOT") or data_dir / "media").expanduser().resolve()
    try:
        manifest = restore_backup(
            args.file, data_dir=data_dir, database=database, media_root=media_root, force=args.force
        )
    except (BackupError, OSError) as exc:
        _fail(str(exc))
    print(
        _("Restored %(count)d files from %(file)s (made %(date)s) into %(dir)s.")
        % {"count": len(manifest["files"]), "file": args.file, "date": manifest["created"], "dir": data_dir}
    )


def _fail(message):
    sys.stderr.write(f"{message}\n")
    sys.exit(1)


def cmd_manage(args):
    use_checkout_data_dir()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vnportal manage", *args.rest])


def build_parser():
    parser = argparse.ArgumentParser(prog="vnportal", description="Cổng thông tin điện tử vnportal.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="migrate, tạo nội dung mẫu nếu trống, rồi phục vụ cổng")
    run.add_argument("--host", default=os.environ.get("VNPORTAL_HOST", "127.0.0.1"))
    run.add_argument("--port", type=int, default=int(os.environ.get("VNPORTAL_PORT", "8000")))
    run.add_argument(
        "--workers", type=int, default=int(os.environ.get("VNPORTAL_WORKERS", str(multiprocessing.cpu_count())))
    )
    # Two: every thread more in a process costs each render CPU (the GIL's hand-offs), 1.2× at 2
    # threads, 1.6× at 4 and 8 (bench/thread_bench.py); idle keep-alive connections hold no thread.
    run.add_argument("--threads", type=int, default=int(os.environ.get("VNPORTAL_THREADS", "2")))
    run.add_argument("--no-demo", action="store_true", help="không tạo nội dung mẫu")
    run.add_argument("--no-scheduler", action="store_true", help="không chạy tác vụ định kỳ")
    run.add_argument("--access-log", action="store_true", help="ghi nhật ký truy cập ra màn hình")
    run.set_defaults(func=cmd_run)

    demo = sub.add_parser("demo", help="tạo nội dung mẫu (chạy lại không tạo trùng)")
    demo.set_defaults(func=cmd_demo)

    worker = sub.add_parser("worker", help="chạy các tác vụ định kỳ")
    worker.add_argument("--once", action="store_true")
    worker.set_defaults(func=cmd_worker)

    imp = sub.add_parser("import", help="nhập bài viết từ cổng cũ (JSON Lines hoặc WordPress WXR)")
    imp.add_argument("file")
    imp.add_argument("--format", choices=["auto", "jsonl", "wxr"], default="auto")
    imp.add_argument("--images-dir", help="thư mục gốc của đường dẫn ảnh tương đối")
    imp.add_argument("--visits-offset", type=int, help="tổng lượt truy cập của cổng cũ")
    imp.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến trình")
    imp.add_argument(
        "--max-line-mb", type=int, default=8, help="JSON Lines: từ chối dòng dài hơn số MB này (mặc định 8)"
    )
    imp.set_defaults(func=cmd_import)

    backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu, tệp tải lên và khóa bí mật vào một tệp")
    backup.add_argument("file")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="khôi phục một bản sao lưu vào thư mục dữ liệu trống")
    restore.add_argument("file")
    restore.add_argument("--force", action="store_true", help="thay thế thư mục dữ liệu không trống")
    restore.set_defaults(func=cmd_restore)

    manage = sub.add_parser("manage", help="lệnh quản trị của Django", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
