"""The summary per draft for the drafting unit's report: counts by target and by question,
and every published comment; as a printable admin page and as CSV/XLSX (core/exports.py)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Comment, CommentAnswer


def build(draft):
    comments = list(
        draft.comments.published().select_related("article").prefetch_related("answers__question").order_by("pk")
    )
    by_article = [(_("The whole draft"), sum(1 for c in comments if c.article_id is None))]
    for article in draft.articles.all():
        by_article.append((str(article), sum(1 for c in comments if c.article_id == article.pk)))
    answered = dict(
        CommentAnswer.objects.filter(comment__draft=draft, comment__status=Comment.Status.PUBLISHED)
        .values_list("question")
        .annotate(n=Count("pk"))
        .values_list("question", "n")
    )
    by_question = [(question.text, answered.get(question.pk, 0)) for question in draft.questions.all()]
    totals = draft.comments.aggregate(
        received=Count("pk"),
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        organisations=Count("pk", filter=Q(status=Comment.Status.PUBLISHED, kind=Comment.Kind.ORGANISATION)),
    )
    return {"draft": draft, "comments": comments, "by_article": by_article, "by_question": by_question, **totals}


def rows(summary):
    """One sheet's rows: the counts, then the comments (the public author only: the report
    goes beyond the unit's staff, contact details do not)."""
    draft = summary["draft"]
    yield [_("Draft for comment"), draft.title]
    yield [_("Drafting unit"), draft.unit.name]
    yield [_("Received"), summary["received"]]
    yield [_("Published"), summary["published"]]
    yield []
    yield [_("Commented on"), _("Published comments")]
    yield from ([label, count] for label, count in summary["by_article"])
    yield []
    yield [_("Question"), _("Answers given")]
    yield from ([label, count] for label, count in summary["by_question"])
    yield []
    questions = list(draft.questions.all())
    yield [_("No."), _("Received"), _("Commenting as"), _("Commented on"), _("Comment text")] + [
        q.text for q in questions
    ]
    for number, comment in enumerate(summary["comments"], start=1):
        answers = {answer.question_id: answer.text for answer in comment.answers.all()}
        yield [
            number,
            timezone.localtime(comment.created_at).strftime("%d/%m/%Y %H:%M"),
            comment.public_author,
            comment.target_label,
            comment.content,
        ] + [answers.get(q.pk, "") for q in questions]
