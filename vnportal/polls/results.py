"""Who may see a poll's results, and the results themselves.

One function decides visibility, and the HTML page, the JSON API and the CSV
export all call it: the rule cannot drift between them.
"""

from decimal import ROUND_FLOOR, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Poll


def results_visible(poll, has_voted, now=None):
    rule = poll.results_visibility
    if rule == Poll.Visibility.ALWAYS:
        return True
    if rule == Poll.Visibility.AFTER_VOTE:
        return bool(has_voted) or poll.has_closed(now)
    if rule == Poll.Visibility.AFTER_CLOSE:
        return poll.has_closed(now)
    return False  # hidden: the admin only


def percentages(counts, decimals=1):
    """Shares of ``counts`` that add up to exactly 100 (largest remainder method).

    Each share is floored to ``decimals`` places; the units still missing go to
    the largest remainders (ties to the earlier item), so 1/3 1/3 1/3 shows as
    33.4 33.3 33.3 and never as a total of 99.9 or 100.1.
    """
    total = sum(counts)
    if total <= 0:
        return [Decimal(0).quantize(Decimal(1).scaleb(-decimals))] * len(counts)
    unit = Decimal(1).scaleb(-decimals)
    exact = [Decimal(c) * 100 / Decimal(total) for c in counts]
    floored = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    missing = int((Decimal(100) - sum(floored)) / unit)
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floored[i]), i))
    for i in order[:missing]:
        floored[i] += unit
    return floored


def poll_results(poll):
    """Rows for display and export: [{id, text, votes, percent}], plus totals."""
    choices, other_votes, voters = poll.tally()
    counts = [c.votes for c in choices] + ([other_votes] if poll.allow_other else [])
    shares = percentages(counts)
    rows = [{"id": c.pk, "text": c.text, "votes": c.votes, "percent": shares[i]} for i, c in enumerate(choices)]
    if poll.allow_other:
        rows.append({"id": None, "text": _("Other"), "votes": other_votes, "percent": shares[-1]})
    return {"rows": rows, "voters": voters, "selections": sum(counts)}


def poll_state(poll, now=None):
    now = now or timezone.now()
    if poll.is_open(now):
        return "open"
    if poll.has_not_opened(now):
        return "upcoming"
    return "closed"
