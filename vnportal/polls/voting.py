"""Casting a ballot: every rule of DESIGN.md, checked on the server at vote time.

``cast_vote`` either records exactly one ballot or raises ``VoteRefused`` with a
code, an HTTP status and a Vietnamese message; nothing is ever half-written
(the ballot and its selections go in one transaction).
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vnportal.core import ratelimit
from vnportal.core.text import collapse_spaces
from vnportal.core.visitors import hashed_ip, recent_visitor_ids, visitor_id

from .models import Ballot, BallotChoice, Choice, Poll, site_polls

COOKIE_NAME = "vnportal_polls"
COOKIE_SALT = "vnportal.polls.voted"
COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at ~400 days
COOKIE_KEEP = 100  # poll ids remembered per browser; the oldest are dropped


class VoteRefused(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def voted_cookie_polls(request):
    """Poll ids this browser's signed cookie says it voted in (a forged cookie counts as none)."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=COOKIE_SALT)
    except signing.BadSignature:
        return []
    return [int(x) for x in value if isinstance(x, int)] if isinstance(value, list) else []


def set_voted_cookie(response, request, poll_id):
    ids = [pid for pid in voted_cookie_polls(request) if pid != poll_id] + [poll_id]
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(ids[-COOKIE_KEEP:], salt=COOKIE_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def has_voted(request, poll):
    """Has this member, or this guest (by cookie or by visitor id), a ballot in ``poll``?"""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Ballot.objects.filter(poll=poll, user=user).exists()
    if poll.pk in voted_cookie_polls(request):
        return True
    return Ballot.objects.filter(poll=poll, voter__in=recent_visitor_ids(request)).exists()


def parse_selection(data):
    """Choice ids from the form fields ``choice`` (one per selected choice), and the write-in."""
    raw = data.getlist("choice") if hasattr(data, "getlist") else list(data.get("choice", []))
    ids = []
    for value in raw:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = 0
        if not 0 < number < 2**63:  # beyond a database id: refused, never sent to the database
            raise VoteRefused("invalid_choice", _("The selected choice is not valid."))
        ids.append(number)
    other = collapse_spaces(str(data.get("other", "") or ""))[:255]
    return ids, other


def _check_rate(request):
    """At most POLL_IP_RATE_LIMIT guest votes per client address (DESIGN.md's client IP, never the
    visitor id, so a rotated User-Agent does not reset it) per window, counted for every worker."""
    limit = settings.POLL_IP_RATE_LIMIT
    if limit <= 0:
        return
    if not ratelimit.hit("polls:" + hashed_ip(request, "polls"), limit, settings.POLL_IP_RATE_WINDOW):
        raise VoteRefused("rate_limited", _("Too many votes from your network. Please try again later."), 429)


def cast_vote(request, poll_id, data=None, now=None):
    data = request.POST if data is None else data
    ids, other = parse_selection(data)
    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None

    # Only a poll of the request's portal: another site's poll cannot be voted on through this host.
    poll = site_polls(request).filter(pk=poll_id, published=True).first()
    if poll is None:
        raise VoteRefused("not_found", _("This poll does not exist."), 404)
    now = now or timezone.now()
    if poll.has_not_opened(now):
        raise VoteRefused("not_open", _("This poll has not opened yet."), 403)
    if poll.has_closed(now):
        raise VoteRefused("closed", _("This poll has closed."), 403)
    if poll.audience == Poll.Audience.MEMBERS and user is None:
        raise VoteRefused("members_only", _("Only members may vote in this poll. Please log in."), 403)

    if not poll.allow_other:
        other = ""
    if not ids and not other:
        raise VoteRefused("empty", _("Please select at least one choice."))
    if len(set(ids)) != len(ids):
        raise VoteRefused("duplicate", _("The same choice was selected more than once."))
    maximum = poll.effective_max
    if len(ids) + (1 if other else 0) > maximum:
        raise VoteRefused(
            "too_many",
            ngettext(
                "You may select at most %(count)d choice.",
                "You may select at most %(count)d choices.",
                maximum,
            )
            % {"count": maximum},
        )
    if ids and Choice.objects.filter(poll=poll, pk__in=ids).count() != len(ids):
        raise VoteRefused("invalid_choice", _("The selected choice does not belong to this poll."))

    if user is None:
        if poll.pk in voted_cookie_polls(request):
            raise VoteRefused("already_voted", _("You have already voted in this poll."), 409)
        if Ballot.objects.filter(poll=poll, voter__in=recent_visitor_ids(request, now)).exists():
            raise VoteRefused("already_voted", _("You have already voted in this poll."), 409)
        _check_rate(request)

    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                poll=poll, user=user, voter=visitor_id(request, now), other_text=other, created_at=now
            )
            BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, choice_id=cid) for cid in ids])
    except IntegrityError:
        # The unique constraints caught a second ballot racing the first.
        raise VoteRefused("already_voted", _("You have already voted in this poll."), 409) from None
    return poll, ballot
