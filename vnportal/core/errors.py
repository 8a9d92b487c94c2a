"""Error pages in Vietnamese: 400, 403, CSRF failure (403) and 500; 404 is Django's own view
with our 404.html. Each page is drawn in the portal's layout when that is safe, and
otherwise as a plain page that needs neither the database nor a valid host.

A 400 is often a request Django could not trust at all (a forged Host header, an
undecodable body): drawing the layout would ask for the host again (the site settings,
the menu) and turn the 400 into a 500. It is always the plain page.
"""

import logging

from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def _plain(template, context, status):
    # No request: no context processor, so nothing here reads the host or the database.
    return HttpResponse(render_to_string(template, context), status=status)


def _in_layout(request, template, context, status):
    try:
        return HttpResponse(render_to_string(template, context, request=request), status=status)
    except Exception:  # the layout itself failed (database down, odd host): never a 500 for a 403
        logger.warning("error page %s drawn without the layout", status, exc_info=True)
        return _plain("errors/plain.html", context, status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _plain("400.html", {}, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _in_layout(request, "403.html", {"kind": "forbidden"}, 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its token (an old tab, cookies off, another site)."""
    return _in_layout(request, "403_csrf.html", {"kind": "csrf", "no_cookie": reason == REASON_NO_CSRF_COOKIE}, 403)
