"""Official documents (văn bản): numbers, issuers, validity, attachments and relations."""

import os

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Site

from vnportal.core.text import collapse_spaces, nfc
from vnportal.search.normalise import normalise_number

from .admin_forms import DocumentAdminForm
from .validators import validate_attachment


class NamedItem(models.Model):
    """A short list an editor maintains: document types, issuers, fields."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = collapse_spaces(self.name)
        super().save(*args, **kwargs)


class DocumentType(NamedItem):
    class Meta(NamedItem.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class Issuer(NamedItem):
    class Meta(NamedItem.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class DocumentField(NamedItem):
    class Meta(NamedItem.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class PartyTerm(NamedItem):
    """Nhiệm kỳ: the Party-committee term a document belongs to."""

    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta(NamedItem.Meta):
        ordering = ["-start_year"]
        verbose_name = _("party committee term")
        verbose_name_plural = _("party committee terms")


def default_site_id():
    """The default site: where a document belongs unless an editor says otherwise (the only site
    of a single-portal install)."""
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


class Document(ClusterableModel):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        PARTLY = "partly_expired", _("Partly expired")
        EXPIRED = "expired", _("Expired")
        NOT_YET = "not_yet", _("Not yet in force")

    # Each portal of an install (a Wagtail Site) has its own library; /van-ban/ lists the request's.
    site = models.ForeignKey(
        Site,
        verbose_name=_("portal"),
        on_delete=models.PROTECT,
        related_name="+",
        # The list's index below starts with the site and serves every lookup by site: a second,
        # site-only index would tempt SQLite's planner into sorting the whole library.
        db_index=False,
        default=default_site_id,
        # Left empty (a single-portal install), the default site is taken on save.
        blank=True,
        help_text=_("The portal whose document library lists this document; empty: the main portal."),
    )
    number = models.CharField(
        _("number / symbol"), max_length=100, help_text=_("As printed on the document, e.g. 57-NQ/TW or 42/2022/NĐ-CP.")
    )
    number_normalised = models.CharField(_("normalised number"), max_length=100, db_index=True, editable=False)
    summary = models.TextField(_("summary (trích yếu)"))
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="documents"
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="documents"
    )
    field = models.ForeignKey(
        DocumentField,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    term = models.ForeignKey(
        PartyTerm,
        verbose_name=_("party committee term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=255, blank=True)
    issued_on = models.DateField(_("date of issue"), db_index=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(
        _("validity"), max_length=20, choices=Status.choices, default=Status.IN_FORCE, db_index=True
    )
    content = models.TextField(
        _("full text or notes"), blank=True, help_text=_("Optional; searched together with the summary.")
    )
    is_public = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished documents are hidden from the list and search.")
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    base_form_class = DocumentAdminForm

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
        FieldPanel("summary"),
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("field")]),
        FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_title")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_from"), FieldPanel("effective_until")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("term")]),
            ],
            heading=_("Dates and validity"),
        ),
        FieldPanel("content"),
        InlinePanel("attachments", label=_("Attached files")),
        InlinePanel("relations", label=_("Relations to other documents")),
        FieldPanel("is_public"),
    ]

    class Meta:
        ordering = ["-issued_on", "-pk"]
        indexes = [
            # The library list: one portal's documents newest first, read one page at a time (walked in
            # order, stopping after a page; "published" is checked on the way, nearly every row is).
            models.Index("site", models.F("issued_on").desc(), models.F("id").desc(), name="library_doc_site_list"),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return f"{self.number} — {self.summary[:80]}"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if not normalise_number(self.number):
            raise ValidationError({"number": _("Enter the document's number and symbol.")})
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValidationError({"effective_until": _("The end of validity cannot be before its start.")})

    def save(self, *args, **kwargs):
        if self.site_id is None:
            self.site_id = default_site_id()
        self.number = collapse_spaces(self.number)
        self.number_normalised = normalise_number(self.number)
        self.summary = nfc(self.summary).strip()
        self.content = nfc(self.content).strip()
        self.signer_name = collapse_spaces(self.signer_name)
        self.signer_title = collapse_spaces(self.signer_title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("library:detail", args=[self.pk])

    # What the search index shows and searches.
    def search_title(self):
        return f"{self.doc_type.name} {self.number}: {self.summary}"

    def search_text(self):
        parts = [
            self.summary,
            self.content,
            self.issuer.name,
            self.signer_name,
            self.signer_title,
            self.field.name if self.field else "",
        ]
        return "\n".join(part for part in parts if part)

    def search_section(self):
        return self.doc_type.name

    def search_site_id(self):
        return self.site_id


# Attachments live under MEDIA_ROOT/van-ban/, which /media/ never serves (apps.py, nginx).
ATTACHMENT_FOLDER = "van-ban/"


class DocumentAttachment(Orderable):
    document = ParentalKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("file title"), max_length=255, blank=True)
    file = models.FileField(
        _("attached file"),
        upload_to=ATTACHMENT_FOLDER + "%Y/%m/",
        validators=[validate_attachment],
        max_length=255,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX or ODT."),
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.title or self.filename

    @property
    def filename(self):
        return os.path.basename(self.file.name)

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lstrip(".").upper()

    def get_absolute_url(self):
        return reverse("library:download", args=[self.pk])


class DocumentRelation(Orderable):
    class Kind(models.TextChoices):
        REPLACES = "replaces", _("Replaces")
        AMENDS = "amends", _("Amends")
        REPEALS = "repeals", _("Repeals")

    document = ParentalKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=16, choices=Kind.choices)
    target = models.ForeignKey(
        Document, verbose_name=_("other document"), on_delete=models.CASCADE, related_name="related_from"
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("relation")
        verbose_name_plural = _("relations")

    def __str__(self):
        return f"{self.get_kind_display()} {self.target.number}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.document_id and self.target_id == self.document_id:
            raise ValidationError({"target": _("A document cannot be related to itself.")})
