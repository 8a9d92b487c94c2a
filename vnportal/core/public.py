"""The portal's public address (``VNPORTAL_PUBLIC_URL``: scheme, host, port) and what follows from it.

Links that leave the page (canonical, Open Graph, share links, feeds, sitemap.xml, print
views, e-mails) and the PURGE requests to nginx are built from this setting, never from the
Host header of whichever request happens to render them: behind nginx that header is
whatever the reader sent, and in a cached page it would be served to every later reader.
A sub-portal (another Wagtail Site) gets its address from its Site row — the host name
Wagtail matched, not the raw header — with the setting's scheme (``site_base_url``).
"""

import logging
from urllib.parse import urlsplit

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


def url(path, request=None):
    """The absolute public URL of a path on the portal (``/tin-tuc/`` → ``https://…/tin-tuc/``);
    with a request, on the address of the request's site (a sub-portal's host)."""
    if path.startswith(("http://", "https://")):
        return path
    base = request_base_url(request) if request is not None else base_url()
    return base + (path if path.startswith("/") else "/" + path)


# --- Sub-portals (docs/sub-portals.md) ------------------------------------------------------
#
# One install serves many sites. The default site's address is the setting; a sub-portal's is
# built from its Site row (hostname, port) with the setting's scheme: TLS is the same for every
# host behind one nginx, and Wagtail's own ``root_url`` knows https only on port 443.


def _address(scheme, hostname, port):
    if port == 443:
        scheme = "https"
    default_port = {"http": 80, "https": 443}.get(scheme)
    shown_port = "" if port in (None, default_port, 80, 443) else f":{port}"
    return f"{scheme}://{hostname}{shown_port}"


def site_base_url(site):
    """The public address of ``site``: the setting for the default site, else its host and port."""
    if site is None or site.is_default_site:
        return base_url()
    return _address(settings.PUBLIC_SCHEME, site.hostname, site.port)


def site_host(site):
    """The host name readers use for ``site`` (what nginx keys its cache on)."""
    if site is None or site.is_default_site:
        return host()
    return site.hostname


def request_base_url(request):
    """The public address of the site that answers ``request`` (the default site's when none)."""
    site = getattr(request, "_wagtail_site", None)
    if site is None and request is not None:
        site = Site.find_for_request(request)
    return site_base_url(site)


def _root_url_base(root_url):
    """Wagtail's ``root_url`` of a sub-portal (``http://host:port``) as its public address."""
    parts = urlsplit(root_url)
    return _address(settings.PUBLIC_SCHEME, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


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
    elif root_url:
        root_url = _root_url_base(root_url)
    return root_url + path
