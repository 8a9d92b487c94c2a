"""Content-Security-Policy: one strict policy for the public site, a wider one for the admin.

django-csp (4.x) writes the header from ``settings.CONTENT_SECURITY_POLICY``. The public site
runs no inline script at all (every script is a static file), so its policy needs neither
``'unsafe-inline'`` for scripts nor nonces — nonces would not survive the page cache anyway,
which replays one stored response to every reader. Wagtail's admin (and Django's) draws
with inline styles, blob: previews and its own frames; it gets
``settings.CONTENT_SECURITY_POLICY_ADMIN`` instead (see docs/security.md).
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/quan-tri/", "/django-admin/")


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts
