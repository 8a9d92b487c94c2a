"""Hỏi đáp and phản ánh, kiến nghị: a person writes, a unit of the agency answers, the person
follows it with a tracking code (DESIGN.md, "Interaction — rules"; docs/questions.md).

Contact data (name, e-mail, phone, address, the attachment) lives only on ``Question`` and is
blanked by ``privacy.anonymise`` a configured time after the request closes; the history,
the outbox and the search index never copy it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from vnportal.core.text import collapse_spaces, nfc

# Attachments live under MEDIA_ROOT/hoi-dap/, which /media/ never serves (apps.py): only staff read them.
ATTACHMENT_FOLDER = "hoi-dap/"


class QuestionField(models.Model):
    """Lĩnh vực: the subject a request is about (education, land, health …)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("question field")
        verbose_name_plural = _("question fields")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = collapse_spaces(nfc(self.name))
        super().save(*args, **kwargs)


class Holiday(models.Model):
    """A public holiday (Tết, Giỗ Tổ …) that does not count as a working day for deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class Question(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        REPORT = "report", _("Report or petition")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned to a unit")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Answer published")
        CLOSED = "closed", _("Closed")
        REFUSED = "refused", _("Refused")
        MERGED = "merged", _("Merged with another request")

    class NameShown(models.TextChoices):
        FULL = "full", _("My full name")
        INITIALS = "initials", _("My initials only")
        HIDDEN = "hidden", _("Do not show my name")

    # Which states a request is still being handled in (they have a due date that matters).
    OPEN = (Status.RECEIVED, Status.ASSIGNED)
    FINISHED = (Status.PUBLISHED, Status.CLOSED, Status.REFUSED, Status.MERGED)

    code = models.CharField(_("tracking code"), max_length=16, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    # Contact data: only what the form's notice names (templates/questions/notice.html).
    name = models.CharField(_("full name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    attachment = models.FileField(_("attached file"), upload_to=ATTACHMENT_FOLDER, blank=True, max_length=255)
    name_shown = models.CharField(
        _("name shown with a published answer"), max_length=10, choices=NameShown.choices, default=NameShown.INITIALS
    )
    # What the public sees: fixed when the answer is published, from the asker's choice.
    display_name = models.CharField(_("name shown publicly"), max_length=120, blank=True)

    field = models.ForeignKey(
        QuestionField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="questions"
    )
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"))

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        "agency.Unit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a unit with requests is emptied (reassigned) before it goes
        related_name="questions",
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    due_on = models.DateField(_("due date"), db_index=True)
    answer = RichTextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(
        _("closed"), null=True, blank=True, help_text=_("When handling ended: published, closed, refused or merged.")
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # Sent without the proof of work (a browser without JavaScript, core/guard.py): accepted
    # under a stricter limit, and marked for staff to check before handling it like the others.
    held = models.BooleanField(_("to be checked (sent without JavaScript)"), default=False)
    reminded_on = models.DateField(_("last overdue reminder"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("contact data removed"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question or report")
        verbose_name_plural = _("questions and reports")
        indexes = [models.Index(fields=["status", "-published_at"], name="questions_public_list")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for name in ("name", "phone", "address", "title", "display_name"):
            setattr(self, name, collapse_spaces(nfc(getattr(self, name))))
        self.content = nfc(self.content)
        self.refusal_reason = nfc(self.refusal_reason)
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    # What the search service indexes (core/registry.SEARCHABLE): only public text, never contact data.
    search_kind = "question"

    def search_title(self):
        return self.title

    def search_text(self):
        return f"{self.content}\n{self.answer}"

    def search_section(self):
        return self.field.name

    def search_date(self):
        return self.published_at


class Event(models.Model):
    """One line of a request's history: the state it entered, when, and a note for the person."""

    question = models.ForeignKey(Question, verbose_name=_("request"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    status = models.CharField(_("status"), max_length=12, choices=Question.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Shown to the person on the tracking page: the unit's name, the reason for refusal …
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")

    def __str__(self):
        return f"{self.question_id} {self.status} {self.at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """The outbox: an e-mail written in the same transaction as the change it reports, and sent
    by the ``questions_send_mail`` job once that transaction has committed (mail.py)."""

    to = models.TextField(_("recipients"), help_text=_("One address per line."))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    failed = models.BooleanField(_("given up"), default=False)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return self.subject

    def recipients(self):
        return [line for line in self.to.splitlines() if line.strip()]
