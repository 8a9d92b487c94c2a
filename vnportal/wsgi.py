"""WSGI entry point for gunicorn: ``gunicorn vnportal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")

# A page from the page cache is answered before Django is entered (vnportal/core/pagecache.py).
from vnportal.core.pagecache import wsgi_fast_path  # noqa: E402

application = wsgi_fast_path(get_wsgi_application())
