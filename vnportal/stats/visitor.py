"""Visitor ids for the statistics: the portal's one definition (vnportal.core.visitors),
read on the statistics clock. ``u:<user id>`` for members; for guests a keyed hash of
site, client IP and User-Agent under a salt that changes at local midnight, so polls
and statistics give one guest the same id. Only the truncated HMAC leaves here.
"""

import datetime

from vnportal.core import visitors

from . import clock

ID_HEX_CHARS = visitors.GUEST_ID_LENGTH

salt_for = visitors.daily_salt
forget_salts = visitors.forget_cached_salts
guest_id = visitors.guest_hash
member_id = visitors.member_id


def identify(request, moment, bridge_seconds):
    """``(visitor id, kind, previous-day id or "")``; kind is "m" (member) or "g" (guest).

    In the first ``bridge_seconds`` after midnight a guest also gets the id under
    yesterday's salt, so the store can tell that the reader online at 23:59 is the same one
    online at 00:01 (the visit still splits at midnight; the online count must not double).
    """
    user = visitors.member_of(request)
    if user is not None:
        return member_id(user.pk), "m", ""
    today = clock.local_date(moment)
    vid = visitors.guest_id(request, today)
    previous = ""
    if (moment - clock.day_start(today)).total_seconds() < bridge_seconds:
        previous = visitors.guest_id(request, today - datetime.timedelta(days=1))
    return vid, "g", previous


def delete_old_salts():
    """Salts older than 48 hours (yesterday's day and before) are deleted for good."""
    return visitors.delete_old_salts(clock.now())
