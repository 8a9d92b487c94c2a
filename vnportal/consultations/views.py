from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vnportal.core import guard
from vnportal.core.pagecache import shared_cache

from .forms import CommentForm
from .models import Comment, CommentAnswer, Draft, DraftFile
from .submission import WindowClosed, submit


def _public_drafts():
    return Draft.objects.public().select_related("unit")


@shared_cache
def index(request):
    """The list: open drafts first (nearest deadline first), then upcoming, then closed."""
    now = timezone.now()
    drafts = _public_drafts().annotate(
        published_comments=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED))
    )
    open_drafts = list(drafts.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk"))
    upcoming = list(drafts.filter(opens_at__gt=now).order_by("opens_at", "pk"))
    closed = list(drafts.filter(closes_at__lte=now).order_by("-closes_at", "-pk"))
    return render(
        request,
        "consultations/draft_list.html",
        {"open_drafts": open_drafts, "upcoming": upcoming, "closed": closed},
    )


@shared_cache
def detail(request, slug):
    draft = get_object_or_404(_public_drafts(), slug=slug)
    comments = (
        draft.comments.published()
        .select_related("article")
        .prefetch_related(Prefetch("answers", queryset=CommentAnswer.objects.select_related("question")))
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "consultations/draft_detail.html",
        {
            "draft": draft,
            "state": draft.state(),
            "files": draft.files.all(),
            "questions": draft.questions.all(),
            "articles": draft.articles.all(),
            "comments": comments,
        },
    )


@never_cache
def comment(request, slug):
    """The form (its own page: it carries a CSRF token and a fresh challenge, so it is never
    shared, while the draft's page stays in the page cache)."""
    draft = get_object_or_404(_public_drafts(), slug=slug)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, draft=draft)
        if form.is_valid():
            verdict = guard.check(request, form)
            if not verdict.refused:
                try:
                    submit(draft.pk, form, held=verdict.held)
                except WindowClosed:
                    draft.refresh_from_db()
                    if draft.state() == Draft.UPCOMING:
                        message = _("This draft is not open for comment yet: your comment was not sent.")
                    else:
                        message = _("The comment period of this draft has ended: your comment was not sent.")
                    form.add_error(None, message)
                    status = 409
                else:
                    return redirect("consultations:thanks", slug=draft.slug)
            else:
                status = verdict.http_status
        else:
            status = 400
    elif not draft.is_open():
        form = None
    else:
        form = CommentForm(draft=draft)
    return render(
        request,
        "consultations/comment_form.html",
        {"draft": draft, "form": form, "is_open": draft.is_open()},
        status=status,
    )


@never_cache
def thanks(request, slug):
    draft = get_object_or_404(_public_drafts(), slug=slug)
    return render(request, "consultations/thanks.html", {"draft": draft})


def download(request, pk):
    draft_file = get_object_or_404(DraftFile.objects.select_related("draft"), pk=pk, draft__is_public=True)
    try:
        handle = draft_file.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    return FileResponse(handle, as_attachment=True, filename=draft_file.filename)
