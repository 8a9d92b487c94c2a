"""The home page's "Lịch công tác tuần này" block (the ``vnportal_home_blocks`` hook)."""

from django.template.loader import render_to_string

from vnportal.core.localtime import local_date

from . import queries
from .models import Entry, Week
from .views import adjustment_note

# The block lists what is still ahead this week, a handful of lines; the rest is one link away.
HOME_ENTRIES = 4  # the next few: the whole week is one link away


def home_block(context):
    """The block's HTML, or "" when this week's schedule is not published. Two queries."""
    today = local_date()
    week = (
        Week.objects.published().filter(year=queries.current_key(today)[0], week=queries.current_key(today)[1]).first()
    )
    if week is None:
        return ""
    entries = list(Entry.objects.filter(week=week, date__gte=today).select_related("presiding")[:HOME_ENTRIES])
    return render_to_string(
        "schedule/home_block.html",
        {"week": week, "entries": entries, "adjustment": adjustment_note(week)},
        request=context.get("request"),
    )
