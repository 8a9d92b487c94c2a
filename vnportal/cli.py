"""The ``vnportal`` command.

vnportal run [--host H] [--port P] [--workers N] [--threads T] migrate, demo content if empty, serve
vnportal demo                                      create demo content (idempotent)
vnportal worker [--once]                           the scheduler, for production
vnportal import FILE [--visits-offset N] …         articles from an old portal (docs/import.md)
vnportal manage <django command> …                 any Django management command
"""

import argparse
import multiprocessing
import os
import signal
import socket
import subprocess
import sys

DEFAULT_SETTINGS = "vnportal.settings.base"


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _site_is_empty():
    from vnportal.news.models import ArticlePage

    return not ArticlePage.objects.exists()


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

    from vnportal.wsgi import application

    options = {
        "bind": f"{args.host}:{args.port}" if ":" not in args.host else f"[{args.host}]:{args.port}",
        "workers": args.workers,
        # Threads, not one request per process: a reader's browser (and nginx) keeps its
        # connection open between requests, and a page from the page cache costs less
        # than a new connection. Rendering stays parallel across the worker processes.
        "worker_class": "gthread",
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
    options = {"format": args.format, "no_progress": args.no_progress}
    if args.images_dir:
        options["images_dir"] = args.images_dir
    if args.visits_offset is not None:
        options["visits_offset"] = args.visits_offset
    try:
        call_command("import_articles", args.file, **options)
    except CommandError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(1)


def cmd_manage(args):
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
    run.add_argument("--threads", type=int, default=int(os.environ.get("VNPORTAL_THREADS", "8")))
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
    imp.set_defaults(func=cmd_import)

    manage = sub.add_parser("manage", help="lệnh quản trị của Django", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
