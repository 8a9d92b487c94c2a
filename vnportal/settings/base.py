"""Settings shared by every profile.

Everything an operator may change comes from an environment variable read through
the ``env_*`` helpers below; ``docs/settings.md`` documents each one, and
``tests/test_settings.py`` fails when a variable is read here but not documented.

This module is complete on its own: it is what ``vnportal run`` uses on a laptop
(SQLite in the data directory, local-memory cache, DEBUG off).
"""

import datetime
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Data directory -------------------------------------------------------------
# One folder holds everything the portal writes: the SQLite file, uploaded media,
# collected static files and the generated secret key. Back it up and you have
# backed up the site.
DATA_DIR = (
    Path(
        env_str("VNPORTAL_DATA_DIR")
        or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "vnportal"
    )
    .expanduser()
    .resolve()
)


def _persistent_secret_key(data_dir):
    """Read the key kept in the data directory, creating it (mode 0600) on first use.

    A key generated per process would log everybody out on every restart and
    would differ between gunicorn workers, so it is written once and reused.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key
    except FileExistsError:  # another process won the race
        return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _persistent_secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)


# --- The public address -----------------------------------------------------------
# Where readers reach the portal: scheme, host and port, nothing else. The default Wagtail
# Site, the PURGE requests to nginx (their Host header is what nginx keys its cache on),
# sitemap.xml, feeds, print views, canonical and share links and every e-mail are built
# from it, never from a request's Host header. `vnportal run` derives it from the address
# it serves on when it is unset (vnportal/cli.py).
def parse_public_url(value):
    """``(url, scheme, host, port)`` of a public address such as ``https://portal.gov.vn``."""
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or port == -1
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ImproperlyConfigured(
            f"VNPORTAL_PUBLIC_URL must be scheme://host[:port] (e.g. https://portal.example.gov.vn), not {value!r}"
        )
    default_port = 443 if parts.scheme == "https" else 80
    port = port or default_port
    host = parts.hostname.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port != default_port:
        netloc += f":{port}"
    return f"{parts.scheme}://{netloc}", parts.scheme, host, port


PUBLIC_URL, PUBLIC_SCHEME, PUBLIC_HOST, PUBLIC_PORT = parse_public_url(
    env_str("VNPORTAL_PUBLIC_URL") or "http://127.0.0.1:8000"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", PUBLIC_HOST])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications -----------------------------------------------------------------
INSTALLED_APPS = [
    "vnportal.core",
    "vnportal.news",
    "vnportal.polls",
    "vnportal.accounts",
    "vnportal.stats",
    "vnportal.search",
    "vnportal.library",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First: a stored page goes out before any other work (vnportal/core/pagecache.py).
    "vnportal.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the cache (after the host is validated, before anyone asks).
    "vnportal.core.sitetree.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vnportal.stats.capture.StatsMiddleware",
    # Right after the statistics: marks a shareable page public before they see it.
    "vnportal.core.pagecache.PageCacheMarkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vnportal.urls"
WSGI_APPLICATION = "vnportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'vnportal.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer writes; IMMEDIATE transactions take the
    # write lock up front so two writers wait for each other (busy timeout) instead
    # of failing with "database is locked" when a read lock is upgraded.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASES["default"]["NAME"] == ":memory:" else 600
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA mmap_size=134217728;"
            "PRAGMA cache_size=-20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "vnportal")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down means slower, never 500 (vnportal/core/redis_health.py): a failed cache
                # operation is a miss, a dead Redis is not waited for, and not asked again for a second.
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_CLASS": "vnportal.core.redis_health.ResilientPool",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1.0,
            },
        }
    }
    # Every app server must see the same sessions: keep them in Redis, backed by
    # the database so a Redis restart does not log everybody out, and so sessions keep
    # working (from the database) while Redis is down.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHES["pages"] = dict(CACHES["default"], KEY_PREFIX=f"{CACHE_KEY_PREFIX}:pages")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "vnportal",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # Each gunicorn worker keeps its own copies; purges reach them all through a file
    # in DATA_DIR (vnportal/core/pagecache.py). Bounded: 500 pages of ~60 kB per worker.
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vnportal-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }

# Full-page cache for anonymous readers, in seconds (0: off), and the nginx servers to
# send PURGE requests to on publish (production; deploy/nginx/vnportal.conf).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_PURGE_URLS = env_list("PAGE_CACHE_PURGE_URLS")

# --- Passwords and security ---------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Members (vnportal.accounts) and failed-login throttling (django-axes) ---------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_COOLOFF_MINUTES)
# Lock the (account, address) pair: a guesser is stopped without letting anyone
# lock a member out from elsewhere, or a whole office behind one NAT.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "vnportal.core.visitors.client_ip"
AXES_LOCKOUT_CALLABLE = "vnportal.accounts.views.locked_out"
AXES_VERBOSE = False

# --- Polls ----------------------------------------------------------------------------
# Guest votes accepted from one client address per window (on top of the cookie and
# visitor-id rules, never instead of them). 0 turns the limit off.
POLL_IP_RATE_LIMIT = env_int("POLL_IP_RATE_LIMIT", 60)
POLL_IP_RATE_WINDOW = env_int("POLL_IP_RATE_WINDOW", 600)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# Addresses (CIDRs) of reverse proxies whose X-Forwarded-* headers we believe.
# Nothing else a client sends about its address or scheme is ever trusted.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Language and time: Vietnamese from the first migration ---------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own strings, then the Wagtail admin strings Wagtail itself lacks in Vietnamese
# (kept apart so that makemessages on our code never drops them).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_wagtail"]

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start without it
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
# In the embedded profile the app serves uploads itself; behind nginx, nginx does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Serve static files straight from the apps' folders (no collectstatic step);
# the production profile collects them into STATIC_ROOT with hashed names.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "vnportal@localhost")

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Cổng thông tin điện tử")
# Links in the admin's e-mails (workflow notices): the public address, whatever host the
# editor happened to use.
WAGTAILADMIN_BASE_URL = PUBLIC_URL
# Slugs are ASCII, made from Vietnamese titles by vnportal.core.text.slugify.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "rar", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's background tasks (search index updates, reference index) run at once,
# inside the request: there is no separate task worker to forget to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Access statistics (vnportal.stats) -----------------------------------------------------
# Counting on/off (off costs nothing per request); where hits wait before the flush:
# "redis" (shared by every server), "database" (a buffer in each process) or "auto".
STATS_ENABLED = env_bool("STATS_ENABLED", True)
STATS_STORE = env_str("STATS_STORE", "auto")
STATS_FLUSH_INTERVAL = env_int("STATS_FLUSH_INTERVAL", 5)
# Seconds a cached page's beacon token stays valid (longer than any cache keeps a page).
STATS_BEACON_MAX_AGE = env_int("STATS_BEACON_MAX_AGE", 6 * 3600)
# Count every page through the beacon, for caches that ignore Cache-Control.
STATS_BEACON_ALWAYS = env_bool("STATS_BEACON_ALWAYS", False)
STATS_BACKGROUND_FLUSH = True

# --- Document library ------------------------------------------------------------------
# Largest attached file (PDF, DOC …) an editor may upload to a document, in megabytes.
LIBRARY_MAX_UPLOAD_MB = env_int("LIBRARY_MAX_UPLOAD_MB", 20)

# --- Scheduler ----------------------------------------------------------------------------
# Seconds between runs of the scheduled jobs that apps register (publishing due pages …).
SCHEDULER_INTERVAL = env_int("SCHEDULER_INTERVAL", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per background task run is noise on a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
    },
}
