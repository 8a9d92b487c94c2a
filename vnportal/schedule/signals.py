"""A changed schedule purges what shows it: the page cache (a new generation) and, in production,
nginx's copies of the schedule's fixed addresses and the home page (its "Lịch công tác tuần
này" block). Week pages other than the current one and leader pages are not purged one by one
in nginx (their number is open-ended): their copies expire after PAGE_CACHE_SECONDS."""

from django.urls import reverse

from vnportal.core import purge
from vnportal.search import indexer

from .models import Entry, Week

# Set on an entry by whoever saves its week right after (the admin screen): twenty entries saved
# together must not mean twenty generations and a hundred PURGE requests to nginx.
PURGED_WITH_WEEK = "_schedule_purged_with_week"


def purge_paths(week=None):
    paths = ["/", reverse("schedule:index"), reverse("schedule:ical"), "/sitemap.xml"]
    if week is not None:
        paths.append(reverse("schedule:week", args=[week.year, week.week]))
    return paths


def schedule_changed(sender, instance, raw=False, **kwargs):
    if raw or getattr(instance, PURGED_WITH_WEEK, False):  # fixtures; or the week's save purges
        return
    # An entry purges the fixed addresses; its week's own page is purged by the week, which
    # the admin screen saves with every change (an entry alone never fetches its week here:
    # during a cascade delete it is already gone).
    purge.purge_paths(purge_paths(instance if isinstance(instance, Week) else None))


def index_entry(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures are loaded without their week; rebuild_search_index covers them
        indexer.index_document(instance)


def unindex_entry(sender, instance, **kwargs):
    indexer.remove(Entry.search_kind, instance.pk)


def index_week(sender, instance, raw=False, **kwargs):
    """Publishing or withdrawing a week adds or removes its entries from the search index."""
    if raw:
        return
    for entry in instance.entries.select_related("week", "presiding", "preparing_unit"):
        indexer.index_document(entry)
