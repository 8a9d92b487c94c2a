"""/lien-he/: the agency's contacts and the guarded form that sends a message to one unit.

The page carries a CSRF token and a fresh proof-of-work challenge, so it is never shared
by the page cache (never_cache); the contacts on it are a single small query.
"""

from itertools import groupby

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from vnportal.agency.models import Unit
from vnportal.core import guard

from .forms import ContactForm
from .models import ContactMessage
from .notify import notify_unit


def contact_units():
    """Active units with something to contact them by, grouped by kind in display order."""
    units = (
        Unit.objects.filter(is_active=True)
        .exclude(address="", phone="", email="")
        .only("name", "kind", "address", "phone", "email", "sort_order")
    )
    order = {kind: n for n, kind in enumerate(Unit.Kind.values)}
    units = sorted(units, key=lambda u: (order.get(u.kind, len(order)), u.sort_order, u.name))
    return [(Unit.Kind(kind).label, list(group)) for kind, group in groupby(units, key=lambda u: u.kind)]


@never_cache
def contact(request):
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            verdict = guard.check(request, form)
            if not verdict.refused:
                data = form.cleaned_data
                with transaction.atomic():
                    message = ContactMessage.objects.create(
                        unit=data["unit"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        subject=data["subject"],
                        message=data["message"],
                        held=verdict.held,
                    )
                    transaction.on_commit(lambda: notify_unit(message))
                return redirect(reverse("contact:sent") + ("?cho-duyet=1" if verdict.held else ""))
            status = verdict.http_status
        else:
            status = 400
    return render(request, "contact/contact.html", {"form": form, "groups": contact_units()}, status=status)


@never_cache
def sent(request):
    return render(request, "contact/sent.html", {"held": request.GET.get("cho-duyet") == "1"})
