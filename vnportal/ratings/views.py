"""Public endpoints.

/danh-gia/          the portal satisfaction survey (GET the form, POST an answer)
/danh-gia/y-kien/   POST one "Thông tin này có hữu ích không?" answer: fields ``t`` (the
                    item token), ``answer`` (yes|no), optional ``reason`` and ``text``.
                    JSON for ratings.js, otherwise a redirect back to the item with a thank-you.
"""

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from vnportal.core import guard
from vnportal.core.localtime import local_date
from vnportal.core.visitors import visitor_id

from . import forms
from .models import SurveyResponse
from .rating import RatingRefused, set_rater_cookie
from .rating import rate as take_rating

THANKS_PARAM = "danh-gia"
THANKS_VALUE = "cam-on"
SURVEY_COOKIE = "vnportal_survey"
SURVEY_COOKIE_SALT = "vnportal.ratings.survey"


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _same_origin(request):
    """A browser names the page that sent a POST in ``Origin``; one from another site is refused."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return True
    try:
        return url_has_allowed_host_and_scheme(origin + "/", allowed_hosts={request.get_host()})
    except Exception:  # DisallowedHost
        return False


def _refused(request, code, message, status):
    if wants_json(request):
        return JsonResponse({"ok": False, "error": code, "message": message}, status=status)
    return render(request, "ratings/refused.html", {"message": message}, status=status)


# No CSRF token: the widget sits on cached pages every reader shares. What is believed is the
# server-signed item token; Origin (sent by every browser with a POST) keeps other sites out.
@csrf_exempt
@require_POST
def rate(request):
    if not _same_origin(request):
        return _refused(request, "cross_site", _("Ratings may only be sent from this portal."), 403)
    try:
        item, rater = take_rating(request)
    except RatingRefused as refusal:
        return _refused(request, refusal.code, refusal.message, refusal.status)
    message = _("Thank you! Your rating has been recorded.")
    if wants_json(request):
        response = JsonResponse({"ok": True, "message": message})
    else:
        # Back to the item (its address from the server, never from the request), where the
        # widget shows the thank-you; the query string makes it a (shareable) copy of its own.
        response = redirect(f"{item.url or '/'}?{THANKS_PARAM}={THANKS_VALUE}#danh-gia")
    response["Cache-Control"] = "no-store, private"
    set_rater_cookie(response, rater)
    return response


def _answered_today(request, day):
    raw = request.COOKIES.get(SURVEY_COOKIE, "")
    if raw and len(raw) < 200:
        try:
            if signing.loads(raw, salt=SURVEY_COOKIE_SALT) == day.isoformat():
                return True
        except (signing.BadSignature, ValueError):
            pass
    return SurveyResponse.objects.filter(day=day, visitor=visitor_id(request)).exists()


def _survey_page(request, form, status=200, answered=False):
    # The guard's hidden parts (issue time, challenge) are rendered fresh by form.guard_fields.
    rows = [(form[name], label) for name, label in forms.CRITERIA]
    return render(request, "ratings/survey.html", {"form": form, "criteria": rows, "answered": answered}, status=status)


@never_cache  # a form with a CSRF token and a fresh challenge, personal ("already answered today"): never shared
@require_http_methods(["GET", "POST"])
def survey(request):
    day = local_date()
    if request.method == "GET":
        return _survey_page(request, forms.SurveyForm(), answered=_answered_today(request, day))
    form = forms.SurveyForm(request.POST)
    if not form.is_valid():  # scores, sizes, NFC; the guard's honeypot and issue time
        return _survey_page(request, form, status=400)
    verdict = guard.check(request, form)  # proof of work, replay, per-address limits (every worker)
    if verdict.refused:
        return _survey_page(request, form, status=verdict.http_status)
    if _answered_today(request, day):
        form.add_error(None, _("You have already answered the survey today. Thank you!"))
        return _survey_page(request, form, status=409, answered=True)
    data = form.cleaned_data
    try:
        SurveyResponse.objects.create(
            day=day,
            visitor=visitor_id(request),
            comment=data["comment"],
            held=verdict.held,  # no proof of work (no JavaScript): kept, counted apart
            **{name: data[name] for name, _label in forms.CRITERIA},
        )
    except IntegrityError:  # the same visitor's second answer racing the first
        form.add_error(None, _("You have already answered the survey today. Thank you!"))
        return _survey_page(request, form, status=409, answered=True)
    messages.success(request, _("Thank you for your survey answers."))
    response = redirect("ratings:survey")
    response.set_cookie(
        SURVEY_COOKIE,
        signing.dumps(day.isoformat(), salt=SURVEY_COOKIE_SALT),
        max_age=2 * 24 * 3600,
        httponly=True,
        samesite="Lax",
    )
    return response
