"""Staff screens outside the snippet views: a draft's summary (printable, CSV, XLSX) and
one person's data (export or erase), both limited to the drafts the user may see."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from vnportal.core import exports

from . import privacy, summary
from .models import Comment, Draft


def _require(request, codename):
    if not request.user.has_perm(f"consultations.{codename}"):
        raise PermissionDenied


def draft_summary(request, pk):
    _require(request, "view_draft")
    draft = get_object_or_404(Draft.objects.for_user(request.user).select_related("unit"), pk=pk)
    data = summary.build(draft)
    kind = request.GET.get("format")
    filename = f"gop-y-{draft.slug}"
    if kind == "csv":
        return exports.csv_response(summary.rows(data), f"{filename}.csv")
    if kind == "xlsx":
        return exports.xlsx_response([(_("Summary of comments"), summary.rows(data))], f"{filename}.xlsx")
    return render(request, "consultations/admin/summary.html", data)


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail of the person"), max_length=254)


def personal_data(request):
    """Find one person's comments by e-mail; export them or erase the contact details."""
    _require(request, "change_comment")
    form = PersonForm(request.POST or request.GET or None)
    comments = Comment.objects.none()
    if form.is_bound and form.is_valid():
        comments = privacy.comments_of(form.cleaned_data["email"]).filter(
            pk__in=Comment.objects.for_user(request.user).values("pk")
        )
        action = request.POST.get("action") if request.method == "POST" else request.GET.get("action")
        if action == "export":
            return exports.csv_response(privacy.export_rows(comments), "du-lieu-ca-nhan.csv")
        if request.method == "POST" and action == "erase":
            erased = privacy.erase(comments)
            messages.success(request, _("Contact details erased from %(count)d comment(s).") % {"count": erased})
            return redirect("consultations_personal_data")
    return render(request, "consultations/admin/personal_data.html", {"form": form, "comments": comments})
