"""The rating endpoint's per-address limit (the survey is guarded by core.guard instead).

The widget sits on cached pages and sends no form, so the citizen-form guard (proof of
work, issue time) does not fit it; what remains is a limit per client address. It counts
through ``core.ratelimit``: Redis when the site has it, otherwise the database, so every
gunicorn worker of the embedded profile shares one count (never N × the limit).
"""

from django.conf import settings

from vnportal.core import ratelimit
from vnportal.core.visitors import hashed_ip


def rating_allowed(request):
    """At most RATINGS_IP_RATE_LIMIT ratings per client address per RATINGS_IP_RATE_WINDOW seconds."""
    limit = settings.RATINGS_IP_RATE_LIMIT
    if limit <= 0:
        return True
    return ratelimit.hit(f"ratings:{hashed_ip(request, 'ratings')}", limit, settings.RATINGS_IP_RATE_WINDOW)
