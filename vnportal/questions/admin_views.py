"""The Hỏi đáp inbox in the Wagtail admin: a unit's staff see their unit's requests, the
coordinators ("Tổ Hỏi đáp") and administrators see all and assign. Every action goes through
handling.py (one function per transition, locked and checked there)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vnportal.core.localtime import local_date
from vnportal.core.pagination import page_of

from . import handling, permissions, privacy
from .admin_forms import AnswerForm, AssignForm, MergeForm, PersonForm, PublishForm, RefuseForm
from .models import Question

PAGE_SIZE = 50


def _inbox_user(request):
    if not permissions.may_use_inbox(request.user):
        raise PermissionDenied
    return request.user


def _question_for(request, pk):
    user = _inbox_user(request)
    return get_object_or_404(permissions.visible_to(user, Question.objects.select_related("field", "unit")), pk=pk)


def inbox(request):
    user = _inbox_user(request)
    questions = permissions.visible_to(user, Question.objects.select_related("field", "unit"))
    status = request.GET.get("status", "open")
    if status == "open":
        questions = questions.filter(status__in=Question.OPEN)
    elif status == "overdue":
        questions = questions.filter(status__in=Question.OPEN, due_on__lt=local_date())
    elif status in Question.Status.values:
        questions = questions.filter(status=status)
    else:
        status = "all"
    questions = (
        questions.order_by("due_on", "pk") if status in ("open", "overdue") else questions.order_by("-received_at")
    )
    statuses = [("open", _("Open")), ("overdue", _("Overdue")), *Question.Status.choices, ("all", _("All"))]
    return TemplateResponse(
        request,
        "questions/admin/inbox.html",
        {
            "page_obj": page_of(request, questions.defer("content", "answer"), PAGE_SIZE, param="p"),
            "status": status,
            "statuses": statuses,
            "today": local_date(),
            "is_coordinator": permissions.is_coordinator(user),
        },
    )


def detail(request, pk):
    question = _question_for(request, pk)
    coordinator = permissions.is_coordinator(request.user)
    context = {
        "question": question,
        "events": question.events.select_related("actor"),
        "duplicates": question.duplicates.all(),
        "today": local_date(),
        "is_coordinator": coordinator,
        "assign_form": AssignForm(initial={"unit": question.unit_id}),
        "answer_form": AnswerForm(initial={"answer": question.answer}),
        "publish_form": PublishForm(initial={"name_shown": question.name_shown}),
        "refuse_form": RefuseForm(),
        "merge_form": MergeForm(),
    }
    return TemplateResponse(request, "questions/admin/detail.html", context)


def _act(request, question, action):
    try:
        action()
    except handling.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("questions_admin:detail", question.pk)


def _invalid(request, question, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("questions_admin:detail", question.pk)


@require_POST
def act(request, pk, action):
    question = _question_for(request, pk)
    user = request.user
    if action == "assign":
        form = AssignForm(request.POST)
        if not form.is_valid():
            return _invalid(request, question, form)
        return _act(request, question, lambda: handling.assign(question, form.cleaned_data["unit"], user))
    if action == "answer":
        form = AnswerForm(request.POST)
        try:
            valid = form.is_valid()
        except ValueError:  # the rich-text editor's JSON, hand-edited or cut short: never a 500
            messages.error(request, _("The answer could not be read; please write it again."))
            return redirect("questions_admin:detail", question.pk)
        if not valid:
            return _invalid(request, question, form)
        return _act(request, question, lambda: handling.answer(question, form.cleaned_data["answer"], user))
    if action == "publish":
        form = PublishForm(request.POST)
        if not form.is_valid():
            return _invalid(request, question, form)
        return _act(request, question, lambda: handling.publish(question, user, form.cleaned_data["name_shown"]))
    if action == "unpublish":
        return _act(request, question, lambda: handling.unpublish(question, user))
    if action == "close":
        return _act(request, question, lambda: handling.close(question, user))
    if action == "refuse":
        form = RefuseForm(request.POST)
        if not form.is_valid():
            return _invalid(request, question, form)
        return _act(request, question, lambda: handling.refuse(question, form.cleaned_data["reason"], user))
    if action == "merge":
        form = MergeForm(request.POST)
        if not form.is_valid():
            return _invalid(request, question, form)
        kept = permissions.visible_to(user, Question.objects.all()).filter(pk=form.cleaned_data["kept"]).first()
        if kept is None:
            messages.error(request, _("There is no request with that number in your inbox."))
            return redirect("questions_admin:detail", question.pk)
        return _act(request, question, lambda: handling.merge(question, kept, user))
    raise Http404("no such action")


def attachment(request, pk):
    """The attached file, to the staff who may see the request only (never at /media/)."""
    question = _question_for(request, pk)
    if not question.attachment:
        raise Http404("no attachment")
    try:
        handle = question.attachment.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    return FileResponse(handle, as_attachment=True, filename=question.attachment.name.rsplit("/", 1)[-1])


def person(request):
    """One person's data: their requests found by e-mail, exported as JSON or erased."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    form = PersonForm(request.POST or request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        if request.method == "POST" and request.POST.get("action") == "export":
            response = HttpResponse(privacy.export(email), content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
            return response
        if request.method == "POST" and request.POST.get("action") == "erase":
            count = privacy.erase(email)
            messages.success(request, _("Contact data removed from %(count)d requests.") % {"count": count})
            return redirect("questions_admin:person")
        found = list(privacy.requests_of(email))
    return TemplateResponse(request, "questions/admin/person.html", {"form": form, "found": found})
