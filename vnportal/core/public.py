"""The portal's public address (``VNPORTAL_PUBLIC_URL``: scheme, host, port) and what follows from it.

Links that leave the page (canonical, Open Graph, share links, feeds, sitemap.xml, print
views, e-mails) and the PURGE requests to nginx are built from this setting, never from the
Host header of whichever request happens to render them: behind nginx that header is
whatever the reader sent, and in a cached page it would be served to every later reader.
"""

import logging

from django.conf import settings
from wagtail.models import Site

logger = logging.getLogger("vnportal.cache")


def base_url():
    """``https://portal.example.gov.vn`` (no trailing slash; the port only when not the scheme's)."""
    return settings.PUBLIC_URL


def host():
    """The host name alone: what nginx's ``$host`` is for a reader, so what it keys its cache on."""
    return settings.PUBLIC_HOST


def netloc():
    """Host and (non-default) port, as written in a URL."""
    return base_url().split("://", 1)[1]


def url(path):
    """The absolute public URL of a path on the portal (``/tin-tuc/`` → ``https://…/tin-tuc/``)."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + (path if path.startswith("/") else "/" + path)


def sync_default_site(using="default"):
    """Make the default Wagtail Site say the public address (host and port): Wagtail builds
    every full page URL (sitemap.xml, ``fullpageurl``, ``page.full_url``) from it. Run after
    every migrate, so changing the setting and running ``vnportal run`` (or ``vnportal manage
    migrate`` in production) is all an operator does."""
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (host(), settings.PUBLIC_PORT):
        return site
    logger.info("Default site %s:%s now follows VNPORTAL_PUBLIC_URL (%s)", site.hostname, site.port, base_url())
    site.hostname, site.port = host(), settings.PUBLIC_PORT
    site.save(using=using, update_fields=["hostname", "port"])
    return site


def page_url(page, request=None):
    """The page's absolute URL without any query string. Pages of the default site get the
    public address verbatim (Wagtail's own ``Site.root_url`` knows no https on a port other
    than 443); pages of other sites their Site's root URL."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    _site_id, root_url, path = parts
    if root_url == Site(hostname=host(), port=settings.PUBLIC_PORT).root_url:
        root_url = base_url()
    return root_url + path
