"""Documents (văn bản), published answers (Hỏi đáp) and the work schedule: records kept
outside the page tree, each public by its own rule.

* a document when it is published (``is_public``), as the library's list and page decide;
* an answer when its status is *published*; and only what its public page shows — never the
  asker's e-mail, phone, address, tracking code or attachment, and as the asker's name only
  ``display_name``, fixed at publication from the name the asker allowed (full, initials or none);
* a schedule entry when its week is published.

Every queryset passes through ``site_scope``: the hook for sub-portals (issue 17).
"""

import datetime

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from wagtail.rich_text import expand_db_html

from vnportal.agency.models import Person
from vnportal.library.models import Document, DocumentAttachment, DocumentField, DocumentType, Issuer
from vnportal.library.queries import number_match
from vnportal.questions.models import Question, QuestionField
from vnportal.schedule.models import Entry, Week

from . import params
from .base import DATE_PARAMETERS, ID_SCHEMA, Parameter, Resource, iso_date, iso_datetime, named
from .errors import bad_parameter


def site_scope(kind, queryset, ctx):
    """The records of ``kind`` ("documents", "answers", "schedule") that belong to ``ctx.site``.

    Documents carry their portal (``Document.site``), and /van-ban/ shows a host only its own:
    so does the API. One Hỏi đáp and one schedule serve the whole install (the province's
    office works them), so answers and schedule entries are the same on every site.
    """
    if kind == "documents":
        return queryset.filter(site_id=ctx.site.pk)
    return queryset


def existing(name, value, queryset, message):
    pk = params.identifier(name, value)
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise bad_parameter(name, message)
    return found


class Documents(Resource):
    name = "documents"
    schema = "Document"
    summary = "Official documents (văn bản), newest date of issue first."
    parameters = DATE_PARAMETERS + [
        Parameter("type", ID_SCHEMA, "Document type id (loại văn bản): see the `type` of any document."),
        Parameter("issuer", ID_SCHEMA, "Issuing body id (cơ quan ban hành)."),
        Parameter("field", ID_SCHEMA, "Field id (lĩnh vực)."),
        Parameter(
            "number",
            {"type": "string", "maxLength": params.MAX_VALUE_LENGTH},
            "Number and symbol, exact or its beginning at a separator: 57-NQ/TW, 57-NQ, 42/2022.",
        ),
        Parameter("status", {"type": "string", "enum": list(Document.Status.values)}, "Validity."),
    ]

    def queryset(self, ctx):
        attachments = DocumentAttachment.objects.only("id", "document_id", "title", "file", "sort_order")
        documents = (
            Document.objects.filter(is_public=True)
            .select_related("doc_type", "issuer", "field")
            .defer("content", "number_normalised", "view_count", "download_count")
            .prefetch_related(Prefetch("attachments", queryset=attachments))
            .order_by("-issued_on", "-pk")
        )
        return site_scope(self.name, documents, ctx)

    def narrow(self, queryset, values, ctx):
        first, last = params.date_range(values)
        queryset = params.filter_dates(queryset, "issued_on", first, last)
        lookups = {"type": DocumentType, "issuer": Issuer, "field": DocumentField}
        for name, model in lookups.items():
            if name in values:
                item = existing(name, values[name], model.objects, N_("No item has this id."))
                queryset = queryset.filter(**{"doc_type" if name == "type" else name: item})
        if "status" in values:
            queryset = queryset.filter(status=params.choice("status", values["status"], Document.Status.values))
        if values.get("number"):
            queryset, key = number_match(queryset, values["number"])
            if not key:
                raise bad_parameter("number", N_("Enter a document number such as 57-NQ/TW."))
        return queryset

    def serialize(self, objects, ctx):
        return [
            {
                "id": document.pk,
                "type": named(document.doc_type),
                "title": f"{document.doc_type.name} {document.number}",
                "number": document.number,
                "summary": document.summary,
                "url": ctx.absolute(document.get_absolute_url()),
                "issuer": named(document.issuer),
                "field": named(document.field),
                "signer_name": document.signer_name,
                "signer_title": document.signer_title,
                "issued_on": iso_date(document.issued_on),
                "effective_from": iso_date(document.effective_from),
                "effective_until": iso_date(document.effective_until),
                "status": document.status,
                "status_label": str(document.get_status_display()),
                "updated": iso_datetime(document.updated_at),
                "attachments": [
                    {
                        "title": attachment.title or attachment.filename,
                        "format": attachment.extension,
                        "url": ctx.absolute(attachment.get_absolute_url()),
                    }
                    for attachment in document.attachments.all()
                ],
            }
            for document in objects
        ]


class Answers(Resource):
    name = "answers"
    schema = "Answer"
    summary = "Published answers of Hỏi đáp, newest first; never the asker's contact data."
    parameters = DATE_PARAMETERS + [Parameter("field", ID_SCHEMA, "Field id (lĩnh vực).")]

    # The only columns ever read: the contact data is not even fetched.
    PUBLIC_COLUMNS = (
        "id", "kind", "title", "content", "answer", "display_name", "received_at", "answered_at",
        "published_at", "field__id", "field__name", "unit__id", "unit__name",
    )  # fmt: skip

    def queryset(self, ctx):
        answers = (
            Question.objects.filter(status=Question.Status.PUBLISHED)
            .select_related("field", "unit")
            .only(*self.PUBLIC_COLUMNS)
            .order_by("-published_at", "-pk")
        )
        return site_scope(self.name, answers, ctx)

    def narrow(self, queryset, values, ctx):
        first, last = params.date_range(values)
        queryset = params.filter_datetimes(queryset, "published_at", first, last)
        if "field" in values:
            field = existing("field", values["field"], QuestionField.objects, N_("No field has this id."))
            queryset = queryset.filter(field=field)
        return queryset

    def serialize(self, objects, ctx):
        return [
            {
                "id": question.pk,
                "kind": question.kind,
                "title": question.title,
                "url": ctx.absolute(question.get_absolute_url()),
                "question": question.content,
                "answer_html": expand_db_html(question.answer),
                "asker": question.display_name or None,
                "field": named(question.field),
                "unit": named(question.unit),
                "asked_at": iso_datetime(question.received_at),
                "answered_at": iso_datetime(question.answered_at),
                "published": iso_datetime(question.published_at),
            }
            for question in objects
        ]


SESSIONS = {Entry.Session.MORNING: "morning", Entry.Session.AFTERNOON: "afternoon", Entry.Session.EVENING: "evening"}


class Schedule(Resource):
    name = "schedule"
    schema = "ScheduleEntry"
    summary = "The leaders' work schedule (lịch công tác): entries of published weeks, in time order."
    parameters = DATE_PARAMETERS + [
        Parameter("leader", ID_SCHEMA, "Only entries this leader presides (see `presiding.id`)."),
    ]

    def queryset(self, ctx):
        entries = (
            Entry.objects.filter(week__status=Week.Status.PUBLISHED)
            .select_related("week", "presiding", "preparing_unit")
            .only(
                "id",
                "date",
                "session",
                "time",
                "content",
                "venue",
                "participants",
                "week__id",
                "week__year",
                "week__week",
                "week__revision",
                "week__changed_at",
                "week__status",
                "presiding__id",
                "presiding__name",
                "presiding__title",
                "preparing_unit__id",
                "preparing_unit__name",
            )  # fmt: skip
            .order_by("date", "session", F("time").asc(nulls_first=True), "pk")
        )
        return site_scope(self.name, entries, ctx)

    def narrow(self, queryset, values, ctx):
        first, last = params.date_range(values)
        queryset = params.filter_dates(queryset, "date", first, last)
        if "leader" in values:
            leaders = Person.objects.filter(is_leader=True)
            leader = existing("leader", values["leader"], leaders, N_("No leader has this id."))
            queryset = queryset.filter(presiding=leader)
        return queryset

    def serialize(self, objects, ctx):
        zone = timezone.get_current_timezone()
        items = []
        for entry in objects:
            week = entry.week
            start = datetime.datetime.combine(entry.date, entry.time, tzinfo=zone) if entry.time else None
            presiding = entry.presiding
            items.append(
                {
                    "id": entry.pk,
                    "url": ctx.absolute(reverse("schedule:week", args=[week.year, week.week]) + f"#muc-{entry.pk}"),
                    "date": iso_date(entry.date),
                    "session": SESSIONS.get(entry.session, "morning"),
                    "start": iso_datetime(start),
                    "content": entry.content,
                    "venue": entry.venue,
                    "participants": entry.participants,
                    "presiding": (
                        {"id": presiding.pk, "name": presiding.name, "title": presiding.title} if presiding else None
                    ),
                    "preparing_unit": named(entry.preparing_unit),
                    "week": {
                        "year": week.year,
                        "week": week.week,
                        "adjustment": week.revision,
                        "adjusted_at": iso_datetime(week.changed_at),
                        "url": ctx.absolute(reverse("schedule:week", args=[week.year, week.week])),
                    },
                }
            )
        return items
