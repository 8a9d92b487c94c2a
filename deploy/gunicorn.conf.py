"""gunicorn settings of one vnportal app server (production profile).

    gunicorn -c deploy/gunicorn.conf.py          # what vnportal-web@.service runs

Every app server reads the same /etc/vnportal/env; only the port differs (the systemd
instance name: vnportal-web@8001 listens on 8001). The variables read here are
documented in docs/settings.md with the rest.
"""

import multiprocessing
import os

from vnportal.core.serving import hide_server_header

# No "Server: gunicorn" header (gunicorn has no setting for it): patched here, in the master,
# before the workers are forked, so every worker inherits it.
hide_server_header()


def _int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise SystemExit(f"{name} must be an integer, not {value!r}") from None


wsgi_app = "vnportal.wsgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=" + os.environ.get("DJANGO_SETTINGS_MODULE", "vnportal.settings.production")]

# Loopback by default: only nginx on this host reaches the app. An app server on another
# host than nginx listens on its private address (GUNICORN_HOST=10.0.0.12), never a public one.
_host = os.environ.get("GUNICORN_HOST", "127.0.0.1")
_port = _int("GUNICORN_PORT", 8001)
bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"

# gthread: each worker process serves several requests at once on threads, and keeps
# nginx's upstream connections alive between requests (the sync worker closes every
# connection). Processes give CPU parallelism (rendering holds the GIL); threads cover the
# time a request waits on PostgreSQL or Redis. The default suits one app server per host;
# with several on one host, divide (e.g. two servers on 2 cores: GUNICORN_WORKERS=2).
# Database connections: servers x workers x threads must stay below PostgreSQL's
# max_connections (100 by default).
# gthread, except that a worker with every thread busy leaves new connections to the others
# (vnportal/core/serving.py: without it one worker could hold all of a burst of connections).
worker_class = "vnportal.core.serving.BalancedThreadWorker"
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)

# Longer than nginx's upstream keepalive_timeout (60 s in deploy/nginx/vnportal.conf): the
# side that closes an idle connection must be nginx, or it may send a request down a
# connection the app closes at the same moment.
keepalive = 75
# A request taking a minute is stuck (a page renders in milliseconds; uploads are bounded
# by nginx): the worker is replaced. On restart, requests in flight get 30 s to finish.
timeout = 60
graceful_timeout = 30
# Replace each worker after some tens of thousands of *rendered* requests (staggered), so a slow leak in
# any library never grows without bound. A page answered from the page cache (the WSGI fast
# path: no Django, next to nothing allocated) does not count (``post_request`` below): counted,
# a busy portal's cached hits (a thousand a second per worker) replaced every worker every few
# seconds, both of a server's workers at about the same moment, and a new worker imports
# Django and Wagtail for seconds before it serves, so readers waited seconds for a cached page
# (docs/performance.md, "No cold herd"). The wide jitter keeps a server's workers apart.
# Tens of thousands: a replaced worker starts with no compiled template and no copy of the
# kept fragments (its first renders cost ten times the next), and at 5,000 a portal rendering
# 200 pages a second replaced a worker every half-minute.
max_requests = 50000
max_requests_jitter = 25000
# Workers are forked from a master that has imported Django and the portal once: a replaced
# worker serves within milliseconds, not after the seconds an import takes (while its share of
# the connections went to the other worker and stayed there). ``vnportal run`` does the same.
# A code upgrade therefore needs a restart of the unit (docs/production.md), not a HUP.
preload_app = True

# The heartbeat file on tmpfs: a busy or slow disk must not make healthy workers look dead.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# nginx writes the access log; errors go to stderr (the journal under systemd).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = f"vnportal-web-{_port}"


def pre_fork(server, worker):
    """Nothing the master opened while importing (a database connection, should an app's
    ``ready()`` have read the database) may be shared with a worker."""
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


def post_request(worker, req, environ, resp):
    """A request the page cache answered (``pagecache.SERVED``) is taken back off the count
    gunicorn keeps for ``max_requests`` (it added it before the request ran)."""
    if environ.get("vnportal.page_cache_served"):
        worker.nr -= 1
