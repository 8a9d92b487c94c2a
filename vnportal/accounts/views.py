"""Members (thành viên): register with e-mail confirmation, log in/out, reset a password, profile.

Failed logins are throttled by django-axes (settings: LOGIN_FAILURE_LIMIT, LOGIN_COOLOFF_MINUTES).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from vnportal.core import public

from . import registration
from .forms import LoginForm, MemberPasswordChangeForm, MemberSetPasswordForm, ProfileForm, RegistrationForm
from .tokens import activation_token, reset_token


@sensitive_post_parameters("password1", "password2")
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration.register(request, form)
        # The same page whether the address or the username existed (registration.py).
        return render(request, "accounts/register_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def activate(request, uidb64, token):
    User = get_user_model()
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or user.is_active or not activation_token.check_token(user, token):
        return render(request, "accounts/activation_invalid.html", status=400)
    with transaction.atomic():
        if not registration.claim_activation(user):  # used already, or revoked by an administrator
            return render(request, "accounts/activation_invalid.html", status=400)
        user.is_active = True
        user.save(update_fields=["is_active"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is active. Welcome!"))
    return redirect("accounts:profile")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's: the same redirect and page whether or not the address has an account."""

    token_generator = reset_token
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": settings.WAGTAIL_SITE_NAME}

    def form_valid(self, form):
        # Django's view takes the link's scheme and host from this request; the public address
        # is what the reader must be sent to, whichever host the form was posted through.
        form.save(
            domain_override=public.netloc(),
            use_https=settings.PUBLIC_SCHEME == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = MemberSetPasswordForm
    token_generator = reset_token
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = MemberPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


def locked_out(request, credentials=None, *args, **kwargs):
    """What django-axes answers once too many logins failed (AXES_LOCKOUT_CALLABLE)."""
    return render(request, "accounts/locked_out.html", {"minutes": settings.LOGIN_COOLOFF_MINUTES}, status=429)
