"""Production: several app servers behind nginx, PostgreSQL and Redis.

The embedded defaults that are unsafe or wrong with more than one server are
refused here rather than silently kept: a secret key from the data directory
would differ per server, and an in-process cache would make servers disagree.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool, env_int, env_str

# VNPORTAL_PUBLIC_URL: a guessed address would send nginx purges it never matches.
for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "VNPORTAL_PUBLIC_URL"):
    if not env_str(_name):
        raise ImproperlyConfigured(f"The production profile needs the environment variable {_name}.")

DEBUG = False
# Staff who can publish give a second factor in the admin (vnportal/accounts/twofactor.py).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
# The weekly check of the link groups' addresses (vnportal/navigation/linkcheck.py).
LINK_CHECK_ENABLED = env_bool("LINK_CHECK_ENABLED", True)
# Collected once at deploy time (vnportal manage collectstatic), with hashed names
# so nginx may cache them for ever.
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
