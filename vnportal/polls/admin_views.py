"""Admin pages for one poll: results at any time, the ballot audit log, exports, reset."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vnportal.core import sitescope
from vnportal.core.exports import csv_response, xlsx_response
from vnportal.core.localtime import localtime
from vnportal.core.pagination import page_of

from .models import Ballot, Poll
from .results import poll_results, poll_state
from .views import tally_csv_response, tally_rows

AUDIT_PAGE_SIZE = 50


def _poll_for(request, poll_id, permission="polls.change_poll"):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(sitescope.filter_for_user(Poll.objects.all(), request.user), pk=poll_id)


def results(request, poll_id):
    poll = _poll_for(request, poll_id)
    ballots = Ballot.objects.filter(poll=poll).prefetch_related("selections__choice").order_by("-created_at", "-pk")
    page_obj = page_of(request, ballots, AUDIT_PAGE_SIZE, param="p")  # Wagtail admin's own page parameter
    return TemplateResponse(
        request,
        "polls/admin/results.html",
        {
            "poll": poll,
            "results": poll_results(poll),
            "state": poll_state(poll),
            "page_obj": page_obj,
            "header_title": _("Results: %(question)s") % {"question": poll.question},
        },
    )


def _ballot_export_rows(poll):
    rows = [[_("Voted at"), _("Voter (hashed)"), _("Choices"), _("Other answer")]]
    ballots = Ballot.objects.filter(poll=poll).prefetch_related("selections__choice").order_by("created_at", "pk")
    for ballot in ballots:
        rows.append(
            [
                localtime(ballot.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                ballot.voter,
                "; ".join(s.choice.text for s in ballot.selections.all()),
                ballot.other_text,
            ]
        )
    return rows


def export_csv(request, poll_id):
    poll = _poll_for(request, poll_id)
    if request.GET.get("kind") == "ballots":
        return csv_response(_ballot_export_rows(poll), f"binh-chon-{poll.pk}-phieu.csv")
    return tally_csv_response(poll, f"binh-chon-{poll.pk}-ket-qua.csv")


def export_xlsx(request, poll_id):
    poll = _poll_for(request, poll_id)
    return xlsx_response(
        [(_("Results"), tally_rows(poll)), (_("Ballots"), _ballot_export_rows(poll))], f"binh-chon-{poll.pk}.xlsx"
    )


def reset(request, poll_id):
    """Delete every ballot of a poll, after an explicit confirmation (POST with the question's id typed in)."""
    poll = _poll_for(request, poll_id, permission="polls.delete_poll")
    voters = poll.ballots.count()
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == str(poll.pk):
            with transaction.atomic():
                deleted = Ballot.objects.filter(poll=poll).delete()[1].get("polls.Ballot", 0)
                log(instance=poll, action="vnportal_polls.reset", data={"ballots": deleted})
            messages.success(request, _("The poll was reset: %(count)d ballots deleted.") % {"count": deleted})
            return redirect("vnportal_polls_results", poll_id=poll.pk)
        error = _("Type the poll number to confirm the reset.")
    return TemplateResponse(
        request,
        "polls/admin/reset.html",
        {
            "poll": poll,
            "voters": voters,
            "error": error,
            "now": timezone.now(),
            "header_title": _("Reset: %(question)s") % {"question": poll.question},
        },
    )
