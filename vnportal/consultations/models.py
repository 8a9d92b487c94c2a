"""Góp ý dự thảo: a draft open for comments in a window, and the comments people send.

A model of its own rather than a library Document flagged as a draft: a draft has a window,
questions and articles a comment may target, and is shown at /gop-y-du-thao/, while the
library's documents, list, search rows and tests stay exactly as they are. Its files are
checked by the library's attachment validator (magic bytes, size).
"""

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from vnportal.agency.models import Unit
from vnportal.core.text import collapse_spaces, nfc
from vnportal.library.validators import validate_attachment

from .admin_forms import DraftAdminForm


class DraftQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def open_at(self, now):
        return self.public().filter(opens_at__lte=now, closes_at__gt=now)

    def for_user(self, user):
        """What a staff member sees in the admin: administrators everything, unit staff the
        drafts of the units they work for."""
        if user.is_superuser:
            return self
        return self.filter(unit__staff=user).distinct()


class Draft(ClusterableModel):
    """Dự thảo: a draft policy or document, open for comments exactly when
    ``opens_at ≤ now < closes_at`` (DESIGN.md, Windows), checked at submission."""

    UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    summary = models.TextField(_("summary"))
    content = models.TextField(_("full text or notes"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("drafting unit"), on_delete=models.PROTECT, related_name="consultation_drafts"
    )
    opens_at = models.DateTimeField(_("comments open at"), default=timezone.now)
    closes_at = models.DateTimeField(_("comments close at"))
    is_public = models.BooleanField(_("published"), default=True)
    summary_done_at = models.DateTimeField(
        _("summary report completed at"),
        null=True,
        blank=True,
        help_text=_("Once set and the window has closed, contact details are erased after the configured time."),
    )
    # The window state the page cache last saw (scheduled job ``purge_window_changes``):
    # when opens_at or closes_at passes, the stored list and detail pages are purged.
    window_state = models.CharField(_("window state last purged"), max_length=10, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DraftQuerySet.as_manager()
    base_form_class = DraftAdminForm

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("unit"),
        FieldPanel("summary"),
        FieldPanel("content"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])], heading=_("Comment period")
        ),
        InlinePanel("files", label=_("Draft files")),
        InlinePanel("questions", label=_("Questions asked")),
        InlinePanel("articles", label=_("Articles open to comment")),
        FieldPanel("is_public"),
        FieldPanel("summary_done_at"),
    ]

    class Meta:
        ordering = ["-closes_at", "-pk"]
        verbose_name = _("draft for comment")
        verbose_name_plural = _("drafts for comment")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="draft_closes_after_opens")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The comment period must end after it begins.")})

    def save(self, *args, **kwargs):
        self.title = collapse_spaces(nfc(self.title))
        self.summary = nfc(self.summary).strip()
        self.content = nfc(self.content).strip()
        super().save(*args, **kwargs)

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.UPCOMING
        if now < self.closes_at:
            return self.OPEN
        return self.CLOSED

    def is_open(self, now=None):
        return self.is_public and self.state(now) == self.OPEN

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    # Search (core.registry.SEARCHABLE): public text only, never a comment.
    search_kind = "draft"

    def search_title(self):
        return self.title

    def search_text(self):
        parts = [self.summary, self.content, self.unit.name]
        parts += [question.text for question in self.questions.all()]
        parts += [f"{article.label} {article.title}" for article in self.articles.all()]
        return "\n".join(part for part in parts if part)

    def search_section(self):
        return str(_("Drafts for comment"))

    def search_date(self):
        return self.opens_at


class DraftQuestion(Orderable):
    draft = ParentalKey(Draft, verbose_name=_("draft for comment"), on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("question asked")
        verbose_name_plural = _("questions asked")

    def __str__(self):
        return self.text


class DraftArticle(Orderable):
    """Điều: one article (or section) of the draft a comment may target."""

    draft = ParentalKey(Draft, verbose_name=_("draft for comment"), on_delete=models.CASCADE, related_name="articles")
    label = models.CharField(_("article label"), max_length=40, help_text=_("For example “Điều 3”."))
    title = models.CharField(_("article title"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("article of the draft")
        verbose_name_plural = _("articles of the draft")

    def __str__(self):
        return f"{self.label}. {self.title}" if self.title else self.label


# Files live under MEDIA_ROOT/gop-y-du-thao/, which /media/ never serves: views.download
# checks that the draft is published.
FILE_FOLDER = "gop-y-du-thao/"


class DraftFile(Orderable):
    draft = ParentalKey(Draft, verbose_name=_("draft for comment"), on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("file title"), max_length=255, blank=True)
    file = models.FileField(
        _("attached file"),
        upload_to=FILE_FOLDER + "%Y/%m/",
        validators=[validate_attachment],
        max_length=255,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX or ODT."),
    )

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")

    def __str__(self):
        return self.title or self.filename

    @property
    def filename(self):
        return os.path.basename(self.file.name)

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lstrip(".").upper()

    def get_absolute_url(self):
        return reverse("consultations:download", args=[self.pk])


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_user(self, user):
        if user.is_superuser:
            return self
        return self.filter(draft__unit__staff=user).distinct()


class Comment(models.Model):
    """One comment. Contact details are what the form's notice names, nothing more; they are
    never shown publicly (an organisation's name is, a person's name is not) and are erased
    ``CONSULTATIONS_ERASE_AFTER_DAYS`` after the window closed and the summary was done."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Individual")
        ORGANISATION = "organisation", _("Organisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft for comment"), on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        DraftArticle,
        verbose_name=_("article commented on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Empty: the whole draft."),
    )
    kind = models.CharField(_("commenting as"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name or organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    content = models.TextField(_("comment text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    held = models.BooleanField(
        _("sent without the browser check"),
        default=False,
        help_text=_("Sent without JavaScript: check it with particular care."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("contact details erased at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self):
        return f"{self.draft} — {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def public_author(self):
        """What the public page shows: an organisation's name, never a person's."""
        if self.kind == self.Kind.ORGANISATION and self.name:
            return self.name
        return str(_("An individual"))

    def excerpt(self):
        return self.content if len(self.content) <= 90 else self.content[:90].rsplit(" ", 1)[0] + "…"

    excerpt.short_description = _("Comment text")

    @property
    def target_label(self):
        return str(self.article) if self.article_id else str(_("The whole draft"))


class CommentAnswer(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment on a draft"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        DraftQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("answer"))

    class Meta:
        ordering = ["question__sort_order", "pk"]
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        constraints = [models.UniqueConstraint(fields=["comment", "question"], name="one_answer_per_question")]

    def __str__(self):
        return self.text[:80]
