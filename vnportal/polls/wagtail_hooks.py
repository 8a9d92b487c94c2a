"""Admin (snippet with results, exports, reset), the sidebar block and demo content."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vnportal.core import fragments, sitescope

from . import admin_views
from .demo import build
from .models import Poll, site_polls
from .results import poll_state, results_visible
from .views import poll_context


class StateColumn(Column):
    def get_value(self, instance):
        labels = {"open": _("open"), "upcoming": _("not opened yet"), "closed": _("closed")}
        state = labels[poll_state(instance)]
        return state if instance.published else format_html("{} ({})", state, _("unpublished"))


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Polls")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["question", StateColumn("state", label=_("State")), "opens_at", "closes_at", "is_current"]
    list_filter = ["site", "published", "audience", "results_visibility", "is_current"]
    search_fields = ["question"]

    def get_queryset(self, request):
        # A sub-portal's editors list their own portal's polls (vnportal/core/sitescope.py).
        return sitescope.filter_for_user(Poll.objects.select_related("site"), request.user)


register_snippet(PollViewSet)
sitescope.register(Poll, "site")


@hooks.register("register_snippet_listing_buttons")
def poll_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Poll) and user.has_perm("polls.change_poll"):
        yield ListingButton(
            _("Results"), reverse("vnportal_polls_results", args=[snippet.pk]), icon_name="view", priority=15
        )


@hooks.register("register_admin_urls")
def poll_admin_urls():
    return [
        path("binh-chon/<int:poll_id>/ket-qua/", admin_views.results, name="vnportal_polls_results"),
        path("binh-chon/<int:poll_id>/xuat.csv", admin_views.export_csv, name="vnportal_polls_export_csv"),
        path("binh-chon/<int:poll_id>/xuat.xlsx", admin_views.export_xlsx, name="vnportal_polls_export_xlsx"),
        path("binh-chon/<int:poll_id>/dat-lai/", admin_views.reset, name="vnportal_polls_reset"),
    ]


@hooks.register("register_log_actions")
def poll_log_actions(actions):
    actions.register_action("vnportal_polls.reset", _("Reset poll"), _("Poll reset: every ballot deleted"))


# How old the counts in a kept shared poll block may be (readers without JavaScript only).
LIVE_COUNTS_SECONDS = 60


@hooks.register("vnportal_sidebar_blocks", order=10)
def poll_sidebar_block(context):
    request = context.get("request")
    if request is None:
        return ""
    shown = context.get("poll")
    if isinstance(shown, Poll) or not fragments.shared_render(request):
        return _render_block(request, site_polls(request).current(), shown)
    # The shared variant is the same for every reader of this host until the poll, its
    # choices or the site change (each draws a new generation: polls/apps.py), or until the
    # next poll opens or the shown one closes: it is kept until then, so a cold page asks
    # the database nothing for it. Counts change with every vote, which draws no generation:
    # a block that shows them is kept at most LIVE_COUNTS_SECONDS — as on a page from the
    # page cache, polls.js replaces it with the reader's live widget anyway.
    return fragments.cached_for(request, "poll-sidebar", lambda: _shared_block(request))


def _render_block(request, poll, shown=None):
    if poll is not None and isinstance(shown, Poll) and shown.pk == poll.pk:
        return ""  # the page is this poll's own: one copy of the poll per page
    block_context = poll_context(request, poll) if poll else {"poll": None}
    return render_to_string("polls/sidebar_block.html", block_context, request=request)


def _shared_block(request):
    """The shared block and how many seconds it stays right: (html, seconds)."""
    now = timezone.now()
    polls = site_polls(request)
    poll = polls.current(now)
    # The next moment the sidebar's poll can change without an edit: the shown one closes,
    # or a later current poll opens (it would take the place: current() prefers the newest).
    moments = [poll.closes_at] if poll is not None else []
    opening = polls.published().filter(is_current=True, opens_at__gt=now).order_by("opens_at")
    moments += list(opening.values_list("opens_at", flat=True)[:1])
    seconds = min([(moment - now).total_seconds() for moment in moments], default=None)
    if poll is not None and results_visible(poll, False, now):
        seconds = LIVE_COUNTS_SECONDS if seconds is None else min(seconds, LIVE_COUNTS_SECONDS)
    return _render_block(request, poll), seconds


@hooks.register("vnportal_demo_content", order=20)
def demo_polls(stdout):
    build(stdout)


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Polls"), "url": reverse("polls:archive"), "order": 30}]
