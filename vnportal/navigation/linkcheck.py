"""The weekly broken-link check of the link groups (Liên kết, dịch vụ công).

Each link is asked with HEAD, and with GET when HEAD fails (many servers refuse HEAD), with
a timeout per address and a few at a time; the answer (status, error, when) is written on
the link and the admin's report (Liên kết hỏng) lists the broken ones.

It reaches other hosts, so it is off unless ``LINK_CHECK_ENABLED`` is on (on by default
only in the production profile); it never runs at start-up: the scheduler job first runs
an hour after the scheduler starts (``first_run_after``), then hourly, and checks only the
links not checked for ``LINK_CHECK_INTERVAL_DAYS`` days.
"""

import datetime
import logging
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Link

logger = logging.getLogger("vnportal.navigation.linkcheck")

USER_AGENT = "vnportal-link-check/1.0"
WORKERS = 4  # links asked at once: polite to the hosts, and this runs in the background


def enabled():
    return getattr(settings, "LINK_CHECK_ENABLED", False)


def timeout():
    return getattr(settings, "LINK_CHECK_TIMEOUT", 10)


def interval():
    return datetime.timedelta(days=getattr(settings, "LINK_CHECK_INTERVAL_DAYS", 7))


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    # Follow redirects (urllib's default, at most 10), but only to http(s) addresses.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def _ask(url, method):
    """``(status, error)``: the final HTTP status after redirects, or None and what went wrong."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _opener.open(request, timeout=timeout()) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError as error:
        return None, str(error.reason)[:255]
    except (OSError, ValueError) as error:  # timeouts, resets, a malformed address
        return None, (str(error) or type(error).__name__)[:255]


def check_url(url):
    """``(status, error, broken)`` for one address: HEAD, then GET when HEAD did not say 2xx/3xx."""
    status, error = _ask(url, "HEAD")
    if status is None or status >= 400:
        status, error = _ask(url, "GET")
    broken = status is None or status >= 400
    return status, error, broken


def due(now=None):
    now = now or timezone.now()
    return Link.objects.filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lte=now - interval()))


def check_links(links, now=None):
    """Check ``links`` (a few at a time) and record the answers; returns how many are broken."""
    links = list(links)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda link: check_url(link.url), links))
    now = now or timezone.now()
    broken = 0
    for link, (status, error, is_broken) in zip(links, answers, strict=True):
        broken += is_broken
        # update(), not save(): the check changes nothing readers see, so nothing is purged.
        Link.objects.filter(pk=link.pk).update(
            last_checked_at=now, last_status=status, last_error=error, is_broken=is_broken
        )
    logger.info("Link check: %s links checked, %s broken", len(links), broken)
    return broken


def scheduled_check():
    """The scheduler's job: the links due for their weekly check, when checking is on."""
    if not enabled():
        return None
    return check_links(due())


# Never at start-up (core/scheduler.py): a restart must not send a burst of requests out.
scheduled_check.first_run_after = 3600
