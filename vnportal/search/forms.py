import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from vnportal.core.localtime import make_local

from .models import IndexEntry

# Dates outside these years are typing mistakes; at the extremes (0001-01-01, 9999-12-31) the
# conversion to UTC or the day after would overflow Python's datetime.
DATE_RANGE = [
    MinValueValidator(datetime.date(1900, 1, 1), message=_("Enter a date from 1900 to 2999.")),
    MaxValueValidator(datetime.date(2999, 12, 31), message=_("Enter a date from 1900 to 2999.")),
]

# Readers write day/month/year; ISO dates (old links, the browser's own date picker) still work.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_ERROR = _("Enter a date as day/month/year, for example 05/01/2024.")


class VietnameseDateInput(forms.DateInput):
    """A text box for dd/mm/yyyy (not the browser's date control, which shows mm/dd/yyyy in many locales)."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": "dd/mm/yyyy",
            # Valid with the "v" flag browsers now apply to pattern: "/" and "-" escaped inside classes only.
            "pattern": r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2}",
            "maxlength": "10",
            "autocomplete": "off",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class SearchForm(forms.Form):
    # No max_length: an over-long query is cut (normalise.MAX_QUERY_LENGTH), not refused.
    q = forms.CharField(label=_("Keywords"), required=False)
    section = forms.TypedChoiceField(label=_("News section"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Content type"), required=False, choices=[("", _("All"))] + list(IndexEntry.Kind.choices)
    )
    date_from = forms.DateField(
        label=_("From date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(attrs={"aria-describedby": "id_date_from-hint"}),
        error_messages={"invalid": DATE_ERROR},
        validators=DATE_RANGE,
    )
    date_to = forms.DateField(
        label=_("To date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(attrs={"aria-describedby": "id_date_to-hint"}),
        error_messages={"invalid": DATE_ERROR},
        validators=DATE_RANGE,
    )

    all_sites = forms.BooleanField(label=_("Search all portals"), required=False)

    def __init__(self, *args, sections=(), several_portals=False, kinds=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not kinds:
            # English search: only pages and articles exist in English (views.search_view).
            del self.fields["kind"]
            del self.fields["section"]
        # One portal: nothing else to search, so no such option.
        self.several_portals = several_portals
        if not several_portals:
            del self.fields["all_sites"]
        self.sections = {section.pk: section for section in sections}
        if "section" in self.fields:
            self.fields["section"].choices = [("", _("All sections"))] + [(s.pk, s.title) for s in sections]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data

    def all_portals(self):
        """Whether the reader asked for the results of every portal of the install."""
        data = getattr(self, "cleaned_data", {}) or {}
        return bool(self.several_portals and data.get("all_sites"))

    def has_filters(self):
        """Whether the reader set any filter (the empty state then offers to drop them)."""
        return self.is_bound and any(
            self.data.get(name) for name in ("section", "kind", "date_from", "date_to") if name in self.fields
        )

    def filters(self):
        """Keyword arguments for ``backends.search`` from the valid fields (invalid ones are ignored)."""
        data = getattr(self, "cleaned_data", {}) or {}
        result = {}
        if data.get("kind"):
            result["kinds"] = [data["kind"]]
        section = self.sections.get(data.get("section"))
        if section is not None:
            result["tree_path"] = section.path
        if data.get("date_from"):
            result["date_from"] = _local_midnight(data["date_from"])
        if data.get("date_to"):
            result["date_to"] = _local_midnight(data["date_to"] + datetime.timedelta(days=1))
        return result


def _local_midnight(day):
    return make_local(datetime.datetime.combine(day, datetime.time()))
