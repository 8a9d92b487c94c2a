"""Visitor ids: ``u:<user id>`` for members; for guests a keyed hash of site, client IP
and User-Agent under a salt that changes at local midnight. The raw address and agent
are used here and forgotten: only the truncated HMAC leaves this module.
"""

import datetime
import hashlib
import hmac

from vnportal.core import visitors
from vnportal.core.models import VisitorSalt

from . import clock

ID_HEX_CHARS = 20  # 80 bits: no collisions in practice, nothing reversible
SALT_LIFETIME_HOURS = 48


def salt_for(day):
    """The salt of a local day: the portal's one daily salt (vnportal.core.visitors), kept in
    the database so every process and server agrees; polls hash their voters with it too."""
    return visitors.daily_salt(day)


def forget_salts():
    visitors.forget_cached_salts()


def guest_id(site_id, ip, user_agent, day):
    message = f"{site_id}\n{ip}\n{user_agent}".encode("utf-8", "surrogatepass")
    digest = hmac.new(salt_for(day).encode(), message, hashlib.sha256).hexdigest()
    return "g:" + digest[:ID_HEX_CHARS]


def member_id(user_id):
    return f"u:{user_id}"


def identify(request, site_id, ip, user_agent, moment, bridge_seconds):
    """``(visitor id, kind, previous-day id or "")``; kind is "m" (member) or "g" (guest).

    In the first ``bridge_seconds`` after midnight a guest also gets the id under
    yesterday's salt, so the store can tell that the reader online at 23:59 is the same one
    online at 00:01 (the visit still splits at midnight; the online count must not double).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return member_id(user.pk), "m", ""
    today = clock.local_date(moment)
    vid = guest_id(site_id, ip, user_agent, today)
    previous = ""
    if (moment - clock.day_start(today)).total_seconds() < bridge_seconds:
        previous = guest_id(site_id, ip, user_agent, today - datetime.timedelta(days=1))
    return vid, "g", previous


def delete_old_salts():
    """Salts older than 48 hours (by the start of their day) are deleted for good."""
    cutoff = clock.now() - datetime.timedelta(hours=SALT_LIFETIME_HOURS)
    old = [day for day in VisitorSalt.objects.values_list("day", flat=True) if clock.day_start(day) < cutoff]
    VisitorSalt.objects.filter(day__in=old).delete()
    forget_salts()
    return len(old)
