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

from .datadir import DATABASE_FILE, SECRET_KEY_FILE, create_private_file, data_dir_from_env, secure_data_dir

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


def env_octal(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        mode = int(value, 8)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an octal file mode such as 0640, not {value!r}") from exc
    if not 0 <= mode <= 0o7777:
        raise ImproperlyConfigured(f"{name} must be an octal file mode such as 0640, not {value!r}")
    return mode


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Data directory -------------------------------------------------------------
# One folder holds everything the portal writes: the SQLite file, uploaded media,
# collected static files and the generated secret key. It is private to the portal's
# user (0700, files 0600: vnportal/settings/datadir.py); `vnportal backup` saves it.
DATA_DIR = data_dir_from_env()
DATA_DIR_TIGHTENED = secure_data_dir(DATA_DIR)


def _persistent_secret_key(data_dir):
    """Read the key kept in the data directory, creating it (mode 0600) on first use.

    A key generated per process would log everybody out on every restart and
    would differ between gunicorn workers, so it is written once and reused.
    """
    path = data_dir / SECRET_KEY_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


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

# ".localhost": a sub-portal tried on a laptop (http://an-binh.localhost:8000/, docs/sub-portals.md);
# browsers and curl resolve every *.localhost name to this machine.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost", "[::1]", PUBLIC_HOST])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications -----------------------------------------------------------------
INSTALLED_APPS = [
    "vnportal.core",
    "vnportal.news",
    "vnportal.polls",
    "vnportal.ratings",
    "vnportal.contact",
    "vnportal.accounts",
    "vnportal.stats",
    "vnportal.search",
    "vnportal.library",
    "vnportal.consultations",
    "vnportal.gallery",
    "vnportal.navigation",
    "vnportal.agency",
    "vnportal.questions",
    "vnportal.schedule",
    "wagtail.contrib.simple_translation",  # i18n: "Translate" on pages (docs/translation.md)
    "wagtail.locales",  # i18n: Settings → Locales
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    # First: a stored page goes out before any other work (vnportal/core/pagecache.py).
    "vnportal.core.pagecache.PageCacheMiddleware",
    # Before anything reads the database: the generation the fragment caches use (core/fragments.py).
    "vnportal.core.fragments.FragmentGenerationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A NUL in the path or query is a 400 before any lookup (PostgreSQL cannot compare it).
    "vnportal.core.badinput.RejectNulMiddleware",
    # Content-Security-Policy (vnportal/core/csp.py); inside the page cache, so stored pages keep it.
    "vnportal.core.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the cache (after the host is validated, before anyone asks).
    "vnportal.core.sitetree.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(), then the admin asks staff who can publish for their second factor.
    "django_otp.middleware.OTPMiddleware",
    "vnportal.accounts.twofactor.StaffTwoFactorMiddleware",
    "vnportal.stats.capture.StatsMiddleware",
    # Right after the statistics: marks a shareable page public before they see it.
    "vnportal.core.pagecache.PageCacheMarkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin requests only: lets workflow signals confirm to the person acting (vnportal/core/requestlocal.py).
    "vnportal.core.requestlocal.AdminRequestMiddleware",
    # Admin only: a sub-portal's editors get 404 for another site's polls … (vnportal/core/sitescope.py).
    "vnportal.core.sitescope.AdminScopeMiddleware",
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
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / DATABASE_FILE}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer writes; IMMEDIATE transactions take the
    # write lock up front so two writers wait for each other (busy timeout) instead
    # of failing with "database is locked" when a read lock is upgraded.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # Made 0600 before SQLite first opens it; SQLite gives -wal and -shm the same mode.
        create_private_file(DATABASES["default"]["NAME"])
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
# After a publish (or when a page's PAGE_CACHE_SECONDS are up) one request renders the page
# anew while the other readers get the previous copy, for at most this many seconds
# (core/pagecache.py: no cold herd); 0: every reader renders.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 10)
PAGE_CACHE_PURGE_URLS = env_list("PAGE_CACHE_PURGE_URLS")
# Fragment caches (menu, footer, sidebar, home blocks, article bodies, listing counts) for
# pages rendered cold, in seconds (0: off); every purge forgets them (vnportal/core/fragments.py).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 6 * 3600)

# --- Passwords and security ---------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Django's list is English; this one holds what people in Vietnam choose (matkhau123, vietnam123 …).
    {"NAME": "vnportal.accounts.passwords.VietnameseCommonPasswordValidator"},
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
# Two locks, each counted on its own: one address trying many usernames (password
# spraying), and one account tried from many addresses (a distributed guesser). The
# price of the second: a stranger can pause a member's logins for the cool-off.
AXES_LOCKOUT_PARAMETERS = [["ip_address"], ["username"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "vnportal.core.visitors.client_ip"
AXES_LOCKOUT_CALLABLE = "vnportal.accounts.views.locked_out"
AXES_VERBOSE = False
# Days a registration may wait for its e-mail confirmation; then the account is removed
# (the ``accounts_cleanup`` scheduled job) and its address and username are free again.
ACCOUNT_ACTIVATION_DAYS = env_int("ACCOUNT_ACTIVATION_DAYS", 7)
# Staff who can publish must sign in to the admin with a second factor (an authenticator
# app's code, or a backup code): off on a laptop, on in the production profile.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", False)

# --- Polls ----------------------------------------------------------------------------
# Guest votes accepted from one client address per window (on top of the cookie and
# visitor-id rules, never instead of them). 0 turns the limit off.
POLL_IP_RATE_LIMIT = env_int("POLL_IP_RATE_LIMIT", 60)
POLL_IP_RATE_WINDOW = env_int("POLL_IP_RATE_WINDOW", 600)
# Ratings (docs/ratings.md): how long a widget's signed item token is good (longer than any
# cached copy lives), how often queued ratings are applied, and the per-address limits.
RATINGS_WIDGET = env_bool("RATINGS_WIDGET", True)  # "Thông tin này có hữu ích không?" under pages and items
RATINGS_TOKEN_MAX_AGE = env_int("RATINGS_TOKEN_MAX_AGE", 7 * 24 * 3600)
RATINGS_FLUSH_INTERVAL = env_int("RATINGS_FLUSH_INTERVAL", 10)
RATINGS_IP_RATE_LIMIT = env_int("RATINGS_IP_RATE_LIMIT", 120)
RATINGS_IP_RATE_WINDOW = env_int("RATINGS_IP_RATE_WINDOW", 600)

# --- Citizen forms: the anti-abuse guard (vnportal/core/guard.py, docs/citizen-forms.md) ----
# A form sent sooner than this after it was shown is refused (scripts post at once) …
GUARD_MIN_FILL_SECONDS = env_int("GUARD_MIN_FILL_SECONDS", 4)
# … and one shown longer ago than this (its proof-of-work challenge expires with it).
GUARD_MAX_AGE_SECONDS = env_int("GUARD_MAX_AGE_SECONDS", 6 * 3600)
# Submissions per client address per window and form kind, with the proof of work …
GUARD_RATE_LIMIT = env_int("GUARD_RATE_LIMIT", 10)
# … and without it (a browser without JavaScript: accepted, held for moderation).
GUARD_NOJS_RATE_LIMIT = env_int("GUARD_NOJS_RATE_LIMIT", 3)
GUARD_RATE_WINDOW = env_int("GUARD_RATE_WINDOW", 3600)
# PBKDF2 rounds per attempt of the proof of work; ~256 attempts on average.
GUARD_POW_COST = env_int("GUARD_POW_COST", 5000)
# Longest text accepted in a field that sets no limit of its own.
GUARD_TEXT_MAX_LENGTH = env_int("GUARD_TEXT_MAX_LENGTH", 5000)

# --- Liên hệ (vnportal/contact) --------------------------------------------------------
# Days after a message is closed until its sender's personal data is erased (hourly job).
CONTACT_ANONYMISE_DAYS = env_int("CONTACT_ANONYMISE_DAYS", 365)

# --- Content-Security-Policy (django-csp; vnportal/core/csp.py, docs/security.md) ----------
# Public pages: scripts, styles, fonts and connections only from this site; no inline script
# (there is none: every script is a static file). Inline style *attributes* are allowed (the
# poll bars' widths): they cannot run code, and a url() in them is still held to img-src.
# Frames: the video embeds editors may put in articles (CSP_FRAME_SRC; the setting's name must
# not start with CSP_, which django-csp 4 takes for its old 3.x settings and refuses).
VIDEO_FRAME_SOURCES = env_list(
    "CSP_FRAME_SRC", ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *VIDEO_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        # The citizen forms' proof of work runs in Web Workers the (self-hosted) ALTCHA
        # widget makes from blob: URLs of its own code (core/guard.py).
        "worker-src": ["'self'", "blob:"],
    }
}
# The admin (Wagtail's and Django's): the same sources, plus what their editors need: inline
# scripts (Wagtail's page editor and explorer still write a few <script> blocks, without
# nonces), inline styles (widgets set them), blob: and data: images (upload previews),
# workers from blob:. Still nothing from another site: no gravatar, no update check.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],
    }
}

# Error pages in Vietnamese (vnportal/core/errors.py; 400/403/404/500 handlers in urls.py).
CSRF_FAILURE_VIEW = "vnportal.core.errors.csrf_failure"
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
# --- i18n: English pages under /en/ (vnportal/core/languages.py, docs/translation.md) ---
# Vietnamese keeps every address it had; English pages are translations of Vietnamese ones
# (Wagtail locales), made in the admin. A request's language comes from its path only.
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The admin stays Vietnamese: translators work in the same admin as everybody else.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", _("Vietnamese"))]
# --- end i18n ---
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own strings, then the Wagtail admin strings Wagtail itself lacks in Vietnamese
# (kept apart so that makemessages on our code never drops them).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_wagtail"]

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or DATA_DIR / "static")
if STATIC_ROOT.is_relative_to(DATA_DIR):
    # whitenoise warns on every start without it. Outside the data directory (production:
    # where nginx reads it) collectstatic makes it.
    STATIC_ROOT.mkdir(mode=0o700, parents=True, exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
# Uploads and renditions are private to the portal's user by default (the embedded server
# reads them itself). In production nginx must read MEDIA_ROOT: keep it outside the data
# directory and give nginx's group read access (0640 / 2750, docs/production.md).
FILE_UPLOAD_PERMISSIONS = env_octal("MEDIA_FILE_PERMISSIONS", 0o600)
FILE_UPLOAD_DIRECTORY_PERMISSIONS = env_octal("MEDIA_DIRECTORY_PERMISSIONS", 0o700)
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
# The name an authenticator app shows next to the staff sign-in codes (django-otp).
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Links in the admin's e-mails (workflow notices): the public address, whatever host the
# editor happened to use.
WAGTAILADMIN_BASE_URL = PUBLIC_URL
# The admin calls no third party: no Gravatar (broken avatars offline, staff e-mail
# hashes sent out), no release check against releases.wagtail.org, no "what's new"
# banner into the English Wagtail guide (the help menu drops those links too:
# vnportal/core/wagtail_hooks.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "vnportal.accounts.forms.StaffLoginForm"
# Slugs are ASCII, made from Vietnamese titles by vnportal.core.text.slugify.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatars from gravatar.com: editors' e-mail hashes are not sent to a third party, and the
# admin's Content-Security-Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for the latest version: upgrades go through
# requirements/constraints.txt, and the admin's policy allows connections to this site only.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Document files always go through Wagtail's view, which applies the collection's privacy
# (never a redirect to, or a link into, /media/documents/: nginx refuses that path).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "rar", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Images are public files (nginx serves them from disk): their form refuses a collection with
# view restrictions, which would protect nothing (vnportal/core/imageprivacy.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "vnportal.core.imageprivacy.PublicCollectionImageForm"
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
# Seconds a document's views and downloads wait in each process before they are written
# (library/counts.py: no database write per reader; a killed process loses at most this much).
LIBRARY_COUNTS_FLUSH_INTERVAL = env_int("LIBRARY_COUNTS_FLUSH_INTERVAL", 5)
# Counts kept in memory (core/tally.py) are written by a thread of each process; tests write them by hand.
TALLY_BACKGROUND_FLUSH = True
# Góp ý dự thảo: contact details of the people who commented are erased this many days after
# the draft's comment period closed and its summary report was marked done (docs/consultations.md).
CONSULTATIONS_ERASE_AFTER_DAYS = env_int("CONSULTATIONS_ERASE_AFTER_DAYS", 90)
# Largest video file (MB) an editor may upload to a video page (vnportal/gallery); longer ones go to a player as embeds.
GALLERY_MAX_VIDEO_MB = env_int("GALLERY_MAX_VIDEO_MB", 200)

# --- Links (vnportal.navigation) -----------------------------------------------------------
# The weekly broken-link check asks other hosts: off unless asked for (on in production).
LINK_CHECK_ENABLED = env_bool("LINK_CHECK_ENABLED", False)
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", 10)  # seconds per address
LINK_CHECK_INTERVAL_DAYS = env_int("LINK_CHECK_INTERVAL_DAYS", 7)

# --- Hỏi đáp (questions; docs/questions.md) ---------------------------------------------
# Working days (core/workdays.py): public holidays as ISO dates, besides those editors add in
# the admin (Snippets → public holidays), and the hour after which a request counts from the
# next working day.
PUBLIC_HOLIDAYS = env_list("PUBLIC_HOLIDAYS")
OFFICE_HOURS_END = env_str("OFFICE_HOURS_END", "17:00")
# Days after a request closes before its sender's contact details are removed.
QUESTIONS_KEEP_CONTACT_DAYS = env_int("QUESTIONS_KEEP_CONTACT_DAYS", 365)
# Lookups by tracking code allowed from one client address per window.
QUESTIONS_LOOKUP_LIMIT = env_int("QUESTIONS_LOOKUP_LIMIT", 20)
QUESTIONS_LOOKUP_WINDOW = env_int("QUESTIONS_LOOKUP_WINDOW", 600)

# --- Open-data API (/api/v1/; docs/open-data.md) -----------------------------------------
# Requests one client address may make per window (0: no limit), items per page by default
# and at most, seconds a built answer is kept server-side (a publish makes it stale at once:
# the key carries the page cache's generation) and seconds browsers and proxies may reuse it.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)
API_MAX_AGE = env_int("API_MAX_AGE", 60)

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
        # DEBUG: one line per page rendered for the page cache, with its time (bench/herd_bench.py).
        "vnportal.pagecache": {"level": env_str("PAGE_CACHE_LOG_LEVEL", env_str("LOG_LEVEL", "INFO"))},
    },
}
