"""The public side of Hỏi đáp: the list of published answers (cached, purged on publish), one
answer, the submission form and the lookup by tracking code (never cached: core/paths.py)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from vnportal.core import guard, ratelimit
from vnportal.core.pagecache import shared_cache
from vnportal.core.pagination import page_of, querystring_without_page
from vnportal.core.visitors import hashed_ip

from . import codes, handling
from .forms import FieldFilterForm, LookupForm, SubmitForm
from .models import Event, Question, QuestionField

PAGE_SIZE = 20


def published():
    return Question.objects.filter(status=Question.Status.PUBLISHED).select_related("field", "unit")


@shared_cache
def index(request):
    """Hỏi đáp: the published answers, newest first, by field."""
    form = FieldFilterForm(request.GET or None)
    questions = published().order_by("-published_at", "-pk")
    chosen = None
    if form.is_bound and form.is_valid() and form.cleaned_data["linh_vuc"]:
        chosen = form.cleaned_data["linh_vuc"]
        questions = questions.filter(field=chosen)
    page_obj = page_of(request, questions.defer("content", "answer"), PAGE_SIZE)
    return render(
        request,
        "questions/question_list.html",
        {
            "form": form,
            "fields": QuestionField.objects.all(),
            "chosen": chosen,
            "page_obj": page_obj,
            "querystring": querystring_without_page(request),
        },
    )


@shared_cache
def detail(request, pk):
    question = get_object_or_404(published(), pk=pk)
    return render(request, "questions/question_detail.html", {"question": question})


@never_cache
def submit(request):
    """Gửi câu hỏi: the notice, the form; on success the tracking code, shown this once."""
    status = 200
    if request.method == "POST":
        form = SubmitForm(request.POST, request.FILES)
        # The form's own checks (fields, honeypot, fill time) first; then the guard's proof of
        # work and per-address limits, which count and consume, so only for a valid form.
        verdict = guard.check(request, form) if form.is_valid() else None
        if verdict is not None and verdict.refused:
            status = verdict.http_status  # the message is on the form, what was typed is kept
        elif verdict is not None:
            data = form.cleaned_data
            question = handling.submit(
                kind=data["kind"], name=data["name"], email=data["email"], phone=data["phone"],
                address=data["address"], field=data["field"], title=data["title"], content=data["content"],
                attachment=data["attachment"], name_shown=data["name_shown"], held=verdict.held,
            )  # fmt: skip
            return render(
                request, "questions/submitted.html", {"question": question, "code": codes.display(question.code)}
            )
    else:
        form = SubmitForm(initial={"kind": Question.Kind.QUESTION})
    context = {"form": form, "keep_days": settings.QUESTIONS_KEEP_CONTACT_DAYS}
    return render(request, "questions/submit.html", context, status=status)


def _history(question, followed):
    """The asker's own history, then (after a merge) the kept request's from the merge on."""
    events = list(Event.objects.filter(question=question))
    if followed.pk != question.pk:
        merged_at = question.closed_at
        events += [e for e in Event.objects.filter(question=followed) if merged_at is None or e.at >= merged_at]
    return events


@never_cache
def lookup(request):
    """Tra cứu: the state and history of one request, for whoever gives its code *and* e-mail.
    A wrong code and a wrong e-mail get the same answer, and each address has a limited number
    of tries (core/ratelimit.py: counted where every worker sees it)."""
    found = followed = None
    not_found = limited = False
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            if not ratelimit.hit(
                hashed_ip(request, "questions-lookup"),
                settings.QUESTIONS_LOOKUP_LIMIT,
                settings.QUESTIONS_LOOKUP_WINDOW,
            ):
                limited = True
            else:
                found = (
                    Question.objects.select_related("field", "unit", "merged_into")
                    .filter(code=form.cleaned_data["code"], email=form.cleaned_data["email"].strip().lower())
                    .exclude(email="")
                    .first()
                )
                not_found = found is None
                if found is not None:
                    followed = handling.followed(found)
    else:
        form = LookupForm()
    context = {"form": form, "not_found": not_found, "limited": limited, "question": found, "followed": followed}
    if found is not None:
        context["events"] = _history(found, followed)
        context["code"] = codes.display(found.code)
    response = render(request, "questions/lookup.html", context)
    if limited:
        response.status_code = 429
    return response
