"""Public poll pages and the JSON API.

/binh-chon/                 archive (open and closed polls)
/binh-chon/<id>/            one poll: the form while it is open, results when visible
/binh-chon/<id>/vote/       POST: form fields ``choice`` (one per selection), optional ``other``
/binh-chon/<id>/ket-qua.csv results as CSV, under the same visibility rule
/api/polls/current/         the sidebar poll, 404 when none is open
/api/polls/<id>/            one poll
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vnportal.core import fragments
from vnportal.core.exports import csv_response
from vnportal.core.pagination import page_of

from .models import Poll, site_polls
from .results import poll_results, poll_state, results_visible
from .voting import VoteRefused, cast_vote, has_voted, set_voted_cookie

ARCHIVE_PAGE_SIZE = 20


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def poll_json(request, poll, voted=None, now=None, context=None):
    """The API shape of DESIGN/issue 5; votes only where the results are visible.

    ``context`` (from ``poll_context``) saves counting twice when both are needed.
    """
    now = now or timezone.now()
    if context is not None:
        choices, results = context["choices"], context["results"]
    else:
        voted = has_voted(request, poll) if voted is None else voted
        choices = list(poll.choices.all())
        results = poll_results(poll) if results_visible(poll, voted, now) else None
    data = {
        "id": poll.pk,
        "question": poll.question,
        "open": poll.is_open(now),
        "multiple": poll.multiple,
        "max_choices": poll.effective_max,
        "choices": [{"id": c.pk, "text": c.text} for c in choices],
    }
    if results is not None:
        by_id = {row["id"]: row["votes"] for row in results["rows"]}
        data["voters"] = results["voters"]
        for choice in data["choices"]:
            choice["votes"] = by_id.get(choice["id"], 0)
        if poll.allow_other:
            data["other_votes"] = by_id.get(None, 0)
    return data


def poll_context(request, poll, now=None, voted=None):
    """What the poll widget template needs (sidebar, article block, detail page).

    On a page every reader shares (the page cache, nginx; or, with the page cache off, a
    shareable page rendered with fragments: core/fragments.py) the widget is the one a new
    guest sees, with no CSRF token; polls.js then swaps in this reader's own widget from
    ``widget`` below. Without JavaScript its form leads to the poll's own page, which is
    never shared, to vote there.
    """
    now = now or timezone.now()
    shared = fragments.shared_render(request)
    if shared:
        voted = False
    voted = has_voted(request, poll) if voted is None else voted
    state = poll_state(poll, now)
    visible = results_visible(poll, voted, now)
    members_only = poll.audience == Poll.Audience.MEMBERS
    can_vote = state == "open" and not voted and not (members_only and not request.user.is_authenticated)
    return {
        "poll": poll,
        "choices": list(poll.choices.all()),
        "state": state,
        "voted": voted,
        "can_vote": can_vote,
        "login_required": state == "open" and members_only and not request.user.is_authenticated,
        "results": poll_results(poll) if visible else None,
        "shared": shared,
    }


def archive(request):
    now = timezone.now()
    polls = site_polls(request)
    open_polls = list(polls.open_at(now).order_by("closes_at", "pk"))
    page_obj = page_of(request, polls.closed_at(now).order_by("-closes_at", "-pk"), ARCHIVE_PAGE_SIZE)
    return render(request, "polls/archive.html", {"open_polls": open_polls, "page_obj": page_obj})


@never_cache
def detail(request, poll_id):
    poll = get_object_or_404(site_polls(request).published(), pk=poll_id)
    context = poll_context(request, poll)
    context["standalone"] = True
    # Choices ticked in a shared page's widget without JavaScript arrive here to be confirmed.
    context["selected"] = [int(value) for value in request.GET.getlist("choice") if value.isdigit()]
    return render(request, "polls/detail.html", context)


@require_GET
@never_cache
def widget(request, poll_id):
    """This reader's own widget (voted or not, with a CSRF token), which polls.js puts in
    place of the shared one on a cached page."""
    poll = site_polls(request).published().filter(pk=poll_id).first()
    if poll is None:
        return HttpResponse(status=404)
    context = poll_context(request, poll)
    suffix = request.GET.get("suffix", "")
    context["widget_suffix"] = suffix if suffix in ("", "-sidebar", "-embed") else ""
    return render(request, "polls/widget.html", context)


@require_POST
def vote(request, poll_id):
    try:
        poll, _ballot = cast_vote(request, poll_id)
    except VoteRefused as refusal:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": refusal.code, "message": refusal.message}, status=refusal.status)
        if refusal.status == 404:
            raise Http404(refusal.message) from None
        messages.error(request, refusal.message)
        return redirect("polls:detail", poll_id=poll_id)
    message = _("Thank you for voting.")
    if wants_json(request):
        context = poll_context(request, poll, voted=True)
        context["standalone"] = request.POST.get("standalone") == "1"  # the poll's own page: no repeated title
        html = render_to_string("polls/widget.html", context, request=request)
        response = JsonResponse(
            {"ok": True, "message": message, "html": html, "poll": poll_json(request, poll, context=context)}
        )
    else:
        messages.success(request, message)
        response = redirect("polls:detail", poll_id=poll.pk)
    set_voted_cookie(response, request, poll.pk)
    return response


@require_GET
@never_cache
def api_current(request):
    poll = site_polls(request).current()
    if poll is None:
        return JsonResponse({"error": "not_found", "message": _("There is no active poll at the moment.")}, status=404)
    return JsonResponse(poll_json(request, poll))


@require_GET
@never_cache
def api_detail(request, poll_id):
    poll = site_polls(request).published().filter(pk=poll_id).first()
    if poll is None:
        return JsonResponse({"error": "not_found", "message": _("This poll does not exist.")}, status=404)
    return JsonResponse(poll_json(request, poll))


@require_GET
@never_cache
def results_csv(request, poll_id):
    poll = get_object_or_404(site_polls(request).published(), pk=poll_id)
    if not results_visible(poll, has_voted(request, poll)):
        return HttpResponse(
            _("The results of this poll are not public."), status=403, content_type="text/plain; charset=utf-8"
        )
    return tally_csv_response(poll, f"binh-chon-{poll.pk}.csv")


def tally_rows(poll):
    """The results table of an export (core.exports makes every cell spreadsheet-safe)."""
    results = poll_results(poll)
    rows = [
        [_("Question"), poll.question],
        [_("Voters"), results["voters"]],
        [],
        [_("Choice"), _("Votes"), _("Percent")],
    ]
    rows += [[r["text"], r["votes"], f"{r['percent']}"] for r in results["rows"]]
    return rows


def tally_csv_response(poll, filename):
    return csv_response(tally_rows(poll), filename)
