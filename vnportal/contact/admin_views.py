"""The admin inbox (/quan-tri/lien-he/): a unit's staff see its messages, administrators all."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vnportal.core.pagination import page_of
from vnportal.core.text import nfc, strip_control

from . import privacy
from .access import may_use_inbox, sees_all, units_of, visible_messages
from .models import ContactMessage

PAGE_SIZE = 30


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("status"), choices=ContactMessage.Status.choices)
    staff_note = forms.CharField(
        label=gettext_lazy("internal note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


def _inbox_for(request):
    if not may_use_inbox(request.user):
        raise PermissionDenied
    return visible_messages(request.user)


def inbox(request):
    qs = _inbox_for(request).select_related("unit")
    status = request.GET.get("status", "")
    if status in ContactMessage.Status.values:
        qs = qs.filter(status=status)
    units = list(units_of(request.user).order_by("sort_order", "name"))
    unit = request.GET.get("unit", "")
    if unit.isdigit() and int(unit) in {u.pk for u in units}:
        qs = qs.filter(unit_id=int(unit))
    return TemplateResponse(
        request,
        "contact/admin/inbox.html",
        {
            "page_obj": page_of(request, qs, PAGE_SIZE),
            "querystring": urlencode({k: v for k, v in (("status", status), ("unit", unit)) if v}),
            "statuses": ContactMessage.Status.choices,
            "status": status,
            "units": units,
            "unit": unit,
            "header_title": _("Contact messages"),
            "sees_all": sees_all(request.user),
        },
    )


def detail(request, message_id):
    message = get_object_or_404(_inbox_for(request).select_related("unit"), pk=message_id)
    if request.method == "POST":
        form = StatusForm(request.POST)
        if form.is_valid():
            message.set_status(form.cleaned_data["status"])
            message.staff_note = nfc(strip_control(form.cleaned_data["staff_note"]))
            message.save(update_fields=["status", "closed_at", "staff_note"])
            messages.success(request, _("The message was updated."))
            return redirect("contact_admin:detail", message.pk)
    else:
        if message.status == ContactMessage.Status.NEW:
            message.set_status(ContactMessage.Status.READ)
            message.save(update_fields=["status", "closed_at"])
        form = StatusForm(initial={"status": message.status, "staff_note": message.staff_note})
    return TemplateResponse(
        request,
        "contact/admin/message.html",
        {"message": message, "form": form, "header_title": message.subject},
    )


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The person's e-mail"))


def person(request):
    """One person's messages found by e-mail, exported as JSON or their personal data erased.
    For whoever sees every message (the administrators): a unit's staff see only a part."""
    if not sees_all(request.user):
        raise PermissionDenied
    form = PersonForm(request.POST or request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        if request.method == "POST" and request.POST.get("action") == "export":
            response = HttpResponse(privacy.export(email), content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan-lien-he.json"'
            return response
        if request.method == "POST" and request.POST.get("action") == "erase":
            count = privacy.erase(email)
            messages.success(request, _("Personal data erased from %(count)d messages.") % {"count": count})
            return redirect("contact_admin:person")
        found = list(privacy.messages_of(email))
    return TemplateResponse(request, "contact/admin/person.html", {"form": form, "found": found})
