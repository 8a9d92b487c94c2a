"""Registration that does not tell strangers who is registered, and the clean-up of
registrations never confirmed.

Whatever exists, the person registering sees the same page with the same status and
one e-mail goes to the address they typed:
* a new address and a free username: the account is created inactive and the e-mail
  holds the activation link;
* an address that already belongs to an account: nothing is created; its owner is
  told that someone tried to register with it (and how to log in or reset a password);
* a free address but a username already taken: nothing is created; the e-mail asks
  to register again with another username.
A registration never confirmed does not hold its address: registering the same
address again replaces it (only the owner of the address can confirm either one).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from vnportal.core import public

from .models import PendingActivation
from .tokens import activation_token


def _send(template, email, context):
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}_body.txt", context)
    send_mail(subject, body, None, [email])


def send_activation_email(request, user):
    link = public.url(
        reverse(
            "accounts:activate",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": activation_token.make_token(user)},
        )
    )
    _send("activation", user.email, {"user": user, "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400})


def _unconfirmed(queryset):
    return queryset.filter(is_active=False, last_login__isnull=True, pending_activation__isnull=False)


def register(request, form):
    """Act on a valid RegistrationForm; the caller shows the same page whatever happened."""
    User = get_user_model()
    email = form.cleaned_data["email"]
    username = form.cleaned_data["username"]
    with transaction.atomic():
        same_address = User.objects.filter(email__iexact=email)
        owner = same_address.exclude(pk__in=_unconfirmed(same_address).values("pk")).first()
        if owner is not None:
            make_password(form.cleaned_data["password1"])  # the same work as creating, so timing tells nothing
            _send("registration_exists", owner.email, {"user": owner, **_links(request)})
            return
        _unconfirmed(same_address).delete()  # superseded: never confirmed, and this may be the real owner
        user = None
        if not User.objects.filter(username__iexact=username).exists():
            try:
                with transaction.atomic():
                    user = form.save()
            except IntegrityError:  # the same username registered a moment ago
                user = None
        if user is None:
            make_password(form.cleaned_data["password1"])
            _send("registration_username_taken", email, {"username": username, **_links(request)})
            return
        PendingActivation.objects.create(user=user)
    send_activation_email(request, user)


def _links(request):
    return {
        "login_link": public.url(reverse("accounts:login")),
        "reset_link": public.url(reverse("accounts:password_reset")),
        "register_link": public.url(reverse("accounts:register")),
    }


def claim_activation(user):
    """Use up the user's pending activation; False when there was none (used, revoked, removed)."""
    deleted, _ = PendingActivation.objects.filter(user=user).delete()
    return deleted > 0


def remove_unconfirmed(now=None):
    """Delete accounts whose registration waited longer than ACCOUNT_ACTIVATION_DAYS (a scheduled job)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCOUNT_ACTIVATION_DAYS)
    User = get_user_model()
    stale = _unconfirmed(User.objects.filter(pending_activation__created_at__lt=cutoff))
    return stale.delete()[0]
