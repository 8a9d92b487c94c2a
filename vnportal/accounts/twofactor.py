"""Two-factor sign-in for staff: a TOTP app (django-otp) plus single-use backup codes.

Who must use it: with STAFF_2FA_REQUIRED (on in the production profile, off on a laptop)
every account that can publish, i.e. a superuser, a holder of a ``publish`` page or model
permission, or a member of a group that approves in a workflow (approving the last step
publishes). Anyone who enrolled of their own accord is asked for a code as well, whatever
the setting. Everyone else signs in to the admin as before.

``StaffTwoFactorMiddleware`` (after django-otp's OTPMiddleware) sends such a user, once
signed in, to the code screen (or to enrolment when they have no device yet) before any
other admin or Django-admin page; the sign-in, sign-out and these screens stay reachable.
"""

import base64
import secrets

import segno
from django.apps import apps
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission

ADMIN_PREFIXES = ("/quan-tri/", "/django-admin/")
# Reachable before the second factor: signing in and out, the two-factor screens, and
# what those pages load (translations, icons).
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "accounts_2fa_verify",
    "accounts_2fa_enrol",
    "login",  # Django admin (namespace admin)
    "logout",
    "jsi18n",
}
BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "totp"
BACKUP_DEVICE_NAME = "backup"


def can_publish(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").exists():
        return True
    if any(perm.split(".", 1)[-1].startswith("publish_") for perm in user.get_all_permissions()):
        return True
    for model in apps.get_models():
        if issubclass(model, AbstractGroupApprovalTask) and not model._meta.abstract:
            if model.objects.filter(active=True, groups__user=user).exists():
                return True
    return False


def second_factor_required(user):
    """Must this signed-in user give a code before using the admin?"""
    if user_has_device(user, confirmed=True):
        return True
    return settings.STAFF_2FA_REQUIRED and can_publish(user)


def _is_open(path):
    try:
        return resolve(path).url_name in OPEN_URL_NAMES
    except Resolver404:
        return True  # the admin answers its own 404


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN_PREFIXES):
            user = request.user
            if user.is_authenticated and not user.is_verified() and not _is_open(path):
                if second_factor_required(user):
                    target = "accounts_2fa_verify" if user_has_device(user, confirmed=True) else "accounts_2fa_enrol"
                    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default or reverse("wagtailadmin_home")


def pending_totp_device(user):
    """The not yet confirmed TOTP device of an enrolment in progress (the same QR on every reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def qr_svg(device):
    """The otpauth:// URL as an inline SVG (drawn here: no image service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=4, title="")


def secret_for_typing(device):
    """The key in base32, in groups of four, for apps that cannot scan."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_backup_codes(user):
    """Replace the user's backup codes with new ones and return them, to be shown once.
    Each works once: django-otp deletes a static token when it is used."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [_backup_code() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _backup_code():
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
    return "".join(secrets.choice(alphabet) for _ in range(8))


def normalise_code(value):
    return "".join(str(value or "").split()).replace("-", "").lower()
