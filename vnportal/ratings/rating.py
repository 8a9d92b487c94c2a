"""Taking one rating: check it, name the rater, queue it (no database write here).

The rater is "one visitor" by DESIGN.md's two keys: the random id of a signed cookie this
response sets (``vnportal_rater``, no personal data in it), and the day's visitor id
(today's and yesterday's, so a reader who rated just before midnight is still the same).
A new rating matching either key replaces that rater's earlier one at flush (store.py).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from vnportal.core.localtime import local_date
from vnportal.core.text import collapse_spaces, nfc, strip_control
from vnportal.core.visitors import recent_visitor_ids

from . import abuse, items
from .models import REASON_TEXT_MAX, Answer, Reason
from .store import get_store

COOKIE_NAME = "vnportal_rater"
COOKIE_SALT = "vnportal.ratings.rater"
COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at ~400 days


class RatingRefused(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def rater_from_cookie(request):
    raw = request.COOKIES.get(COOKIE_NAME, "")
    if not raw or len(raw) > 200:
        return ""
    try:
        value = signing.loads(raw, salt=COOKIE_SALT)
    except (signing.BadSignature, ValueError):
        return ""
    return value if isinstance(value, str) and len(value) == 32 else ""


def set_rater_cookie(response, rater):
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(rater, salt=COOKIE_SALT),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def clean_text(value):
    """The optional reason in the reader's words: NFC, one line of plain text, length-limited."""
    return collapse_spaces(strip_control(nfc(str(value or ""))))[:REASON_TEXT_MAX]


def rate(request, data=None, now=None):
    """Queue the rating in ``data`` (the form); returns ``(item, rater id)`` or raises RatingRefused."""
    data = request.POST if data is None else data
    key = items.read_token(data.get("t"))
    if key is None:
        raise RatingRefused(
            "invalid_token", _("This rating form has expired or is not valid. Please reload the page and try again.")
        )
    item = items.resolve(key)
    if item is None:
        raise RatingRefused("not_found", _("This content can no longer be rated."), 404)
    answer = str(data.get("answer", "") or "")
    if answer not in Answer.values:
        raise RatingRefused("no_answer", _("Please choose Yes or No."))
    reason = str(data.get("reason", "") or "")
    if reason not in Reason.values:
        reason = ""
    if not abuse.rating_allowed(request):
        raise RatingRefused("rate_limited", _("Too many ratings from your network. Please try again later."), 429)
    now = now or timezone.now()
    rater = rater_from_cookie(request) or secrets.token_hex(16)
    get_store().record(
        {
            "item": item.key,
            "answer": answer,
            "reason": reason,
            "text": clean_text(data.get("text")),
            "rater": rater,
            "visitors": recent_visitor_ids(request, now),
            "day": local_date(now).isoformat(),
            "at": now.isoformat(),
            "ts": now.timestamp(),
        }
    )
    return item, rater
