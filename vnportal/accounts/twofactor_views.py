"""The two-factor screens of the admin: enrolment (QR code, then backup codes) and the code screen.

Registered under /quan-tri/ by ``wagtail_hooks`` (so only people with admin access reach them).
"""

import django_otp
from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": gettext_lazy("Please enter the code.")},
    )


def _verify(code, devices):
    """The device that accepts ``code``, or None; throttled devices refuse (django-otp)."""
    for device in devices:
        if device.verify_token(code):
            return device
    return None


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('accounts_2fa_enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = twofactor.normalise_code(form.cleaned_data["code"])
        with transaction.atomic():
            devices = list(devices_for_user(user, for_verify=True))
            kind = TOTPDevice if code.isdigit() else StaticDevice
            candidates = [d for d in devices if isinstance(d, kind)]
            throttled = bool(candidates) and all(not d.verify_is_allowed()[0] for d in candidates)
            device = None if throttled else _verify(code, candidates)
        if device is not None:
            django_otp.login(request, device)
            return redirect(twofactor.safe_next(request))
        if throttled:
            form.add_error("code", _("Too many wrong codes. Please wait a moment and try again."))
        else:
            form.add_error("code", _("This code is not valid or has expired. Please try again."))
    return render(request, "accounts/twofactor/verify.html", {"form": form, "next": twofactor.safe_next(request)})


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        # Replacing a device needs the current second factor first.
        return redirect(f"{reverse('accounts_2fa_verify')}?{request.GET.urlencode()}")
    device = twofactor.pending_totp_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = twofactor.normalise_code(form.cleaned_data["code"])
        throttled = not device.verify_is_allowed()[0]
        if not throttled and code.isdigit() and device.verify_token(code):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = twofactor.new_backup_codes(user)
            django_otp.login(request, device)
            return render(
                request,
                "accounts/twofactor/backup_codes.html",
                {"codes": codes, "next": twofactor.safe_next(request)},
            )
        if throttled:
            form.add_error("code", _("Too many wrong codes. Please wait a moment and try again."))
        else:
            form.add_error("code", _("This code is not valid or has expired. Please try again."))
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_typing(device),
        "next": twofactor.safe_next(request),
        "required": settings.STAFF_2FA_REQUIRED and twofactor.can_publish(user),
    }
    return render(request, "accounts/twofactor/enrol.html", context)
