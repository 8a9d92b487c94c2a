"""The anti-abuse guard every citizen form uses (DESIGN.md, Interaction — Anti-abuse).

No image CAPTCHA and no third-party service. Five checks, each cheap for a person and
costly for a script:

* a **honeypot** field a person never fills (visually hidden, labelled "leave empty");
* a **signed issue time**: a form sent sooner than ``GUARD_MIN_FILL_SECONDS`` after it was
  shown is refused (scripts post at once), one older than ``GUARD_MAX_AGE_SECONDS`` too;
* **size limits** on every text field, and text stored in NFC without control characters;
* a **proof of work** (ALTCHA: the browser finds a counter whose PBKDF2 key starts with a
  given prefix, a second or so of work in a worker thread), verified here and accepted
  once: the solution is remembered in the shared store until the challenge expires;
* **per-address limits** counted in the store every worker shares (core.ratelimit).

A browser without JavaScript sends no proof of work. It is not locked out: its message is
accepted under the stricter ``GUARD_NOJS_RATE_LIMIT`` and comes back *held*, a flag the
app stores so that staff check it before it is treated like the others.

How an app uses it (docs/citizen-forms.md)::

    class ContactForm(GuardedForm):
        guard_scope = "contact"
        ...

    form = ContactForm(request.POST)
    if form.is_valid():                      # honeypot, issue time, sizes, NFC
        verdict = guard.check(request, form)  # proof of work, replay, per-address limits
        if not verdict.refused:
            save(form.cleaned_data, held=verdict.held)
    # otherwise render the form again: the error is on it, the text is kept

and in the template, inside the ``<form>``: ``{{ form.guard_fields }}``.
"""

import dataclasses
import hashlib
import hmac
import json
import time

import altcha
from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import ratelimit
from .text import nfc, strip_control
from .visitors import hashed_ip

HONEYPOT = "website"  # a name form-filling scripts like to fill
ISSUED = "guard_issued"
POW = "altcha"
POW_ALGORITHM = "PBKDF2/SHA-256"
POW_KEY_PREFIX = "00"  # one key in 256 matches: GUARD_POW_COST × ~256 hash rounds on average
ISSUED_SALT = "vnportal.core.guard.issued"

ACCEPTED, HELD, REFUSED = "accepted", "held", "refused"


def _pow_secret():
    # Derived from SECRET_KEY, so there is no second secret to configure and keep.
    return hmac.new(settings.SECRET_KEY.encode(), b"vnportal.core.guard.pow", hashlib.sha256).hexdigest()


def issue_token(scope, now=None):
    """The signed "this form was shown at …" value put in the form."""
    return signing.dumps({"s": scope, "t": time.time() if now is None else now}, salt=ISSUED_SALT)


def new_challenge(scope, now=None):
    """A signed proof-of-work challenge for ``scope``, as the widget takes it (a dict)."""
    expires = int((time.time() if now is None else now) + settings.GUARD_MAX_AGE_SECONDS)
    challenge = altcha.create_challenge(
        POW_ALGORITHM,
        settings.GUARD_POW_COST,
        key_prefix=POW_KEY_PREFIX,
        expires_at=expires,
        data={"scope": scope},
        hmac_secret=_pow_secret(),
    )
    return challenge.to_dict()


def widget_configuration():
    """The widget's options: no link or logo of the vendor."""
    return {"hideFooter": True, "hideLogo": True}


def widget_strings():
    """The widget's words, from our catalogue (static/vnportal/js/guard.js hands them to it)."""
    return {
        "label": _("I am a person, not a machine"),
        "verifying": _("Checking your browser…"),
        "verified": _("Checked: you can send the form"),
        "verify": _("Run the check"),
        "verificationRequired": _("Please wait for the check to finish."),
        "waitAlert": _("Checking… please wait."),
        "error": _("The check failed. Please try again."),
        "expired": _("The check has expired. Please try again."),
        "loading": _("Preparing the check…"),
        "reload": _("Check again"),
    }


def verify_pow(payload, scope):
    """Is ``payload`` (what the widget posts) a correct solution of a challenge we issued for ``scope``?"""
    if not payload or len(payload) > 4000:
        return False
    try:
        result = altcha.verify_solution(payload, _pow_secret())
        if not result.verified:
            return False
        decoded = altcha.Payload.from_base64(payload)
    except Exception:  # anything a client can make of a payload is simply "not verified"
        return False
    return (decoded.challenge.parameters.data or {}).get("scope") == scope


class GuardedForm(forms.Form):
    """Base (or mixin, before ``forms.ModelForm``) for every form a citizen sends.

    Subclasses set ``guard_scope`` (names the limits and the challenges: one per form
    kind). Text fields without a ``max_length`` get ``GUARD_TEXT_MAX_LENGTH``; every text
    value is cleaned to NFC without control characters before the app sees it.
    """

    guard_scope = None
    error_generic = gettext_lazy("Your submission could not be accepted. Please check it and send it again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.guard_scope:
            raise TypeError(f"{type(self).__name__} must set guard_scope")
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not field.max_length:
                field.max_length = settings.GUARD_TEXT_MAX_LENGTH
                field.validators.append(MaxLengthValidator(field.max_length))
                field.widget.attrs.setdefault("maxlength", str(field.max_length))

    def guard_fields(self):
        """The hidden parts, rendered fresh on every display (a new issue time and challenge)."""
        return render_to_string(
            "core/guard_fields.html",
            {
                "honeypot": HONEYPOT,
                "issued_name": ISSUED,
                "issued": issue_token(self.guard_scope),
                "pow_name": POW,
                "challenge": json.dumps(new_challenge(self.guard_scope), separators=(",", ":")),
                "configuration": json.dumps(widget_configuration(), separators=(",", ":")),
                "strings": widget_strings(),
                "form_id": self.guard_scope,
            },
        )

    @cached_property
    def issued_at(self):
        try:
            value = signing.loads(self.data.get(ISSUED, ""), salt=ISSUED_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(value, dict) or value.get("s") != self.guard_scope:
            return None
        stamp = value.get("t")
        return stamp if isinstance(stamp, (int, float)) else None

    def _guard_error(self):
        if self.data.get(HONEYPOT):
            return self.error_generic  # said plainly, but not why: a script learns nothing
        issued = self.issued_at
        if issued is None:
            return self.error_generic
        age = time.time() - issued
        if age < settings.GUARD_MIN_FILL_SECONDS:
            return _("You sent this too quickly. Please check what you wrote and send it again in a few seconds.")
        if age > settings.GUARD_MAX_AGE_SECONDS:
            return _("This form was opened too long ago. Please send it again.")
        return None

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(strip_control(value))
        error = self._guard_error()
        if error:
            raise forms.ValidationError(error, code="guard")
        return cleaned


@dataclasses.dataclass(frozen=True)
class Verdict:
    status: str
    message: str = ""
    http_status: int = 200

    @property
    def accepted(self):
        return self.status == ACCEPTED

    @property
    def held(self):
        """Accept, but keep for moderation (no proof of work: a browser without JavaScript)."""
        return self.status == HELD

    @property
    def refused(self):
        return self.status == REFUSED


def _rate_limited():
    return Verdict(REFUSED, _("Too many submissions from your network. Please try again later."), http_status=429)


def check(request, form):
    """The checks that need the request and leave a trace: call after ``form.is_valid()``.

    Returns a Verdict. When it refuses, the message is also added to the form (a non-field
    error), so the view only renders the form again, with what the person typed.
    """
    verdict = _check(request, form)
    if verdict.refused:
        form.add_error(None, verdict.message)
    return verdict


def _check(request, form):
    scope = form.guard_scope
    address = hashed_ip(request, "guard")
    window = settings.GUARD_RATE_WINDOW
    payload = form.data.get(POW, "")
    if payload:
        if not verify_pow(payload, scope):
            return Verdict(REFUSED, str(form.error_generic), http_status=400)
        # Accepted once: remembered until long after the challenge itself expires.
        if not ratelimit.first_use(payload, settings.GUARD_MAX_AGE_SECONDS + 60):
            return Verdict(REFUSED, str(form.error_generic), http_status=400)
        if not ratelimit.hit(f"guard:{scope}:{address}", settings.GUARD_RATE_LIMIT, window):
            return _rate_limited()
        return Verdict(ACCEPTED)
    within = ratelimit.hit(f"guard:{scope}:{address}", settings.GUARD_RATE_LIMIT, window)
    within_strict = ratelimit.hit(f"guard:{scope}:nojs:{address}", settings.GUARD_NOJS_RATE_LIMIT, window)
    if not (within and within_strict):
        return _rate_limited()
    return Verdict(HELD)
