"""The one admin screen's forms: a week's entries as one formset, grouped by day on screen."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from vnportal.agency.models import Person, Unit
from vnportal.core.text import format_weekday

from .models import Entry

# When each session may start: an entry at 14:00 marked "Sáng" is a typing mistake.
SESSION_HOURS = {
    Entry.Session.MORNING: (datetime.time(0, 0), datetime.time(12, 0)),
    Entry.Session.AFTERNOON: (datetime.time(11, 0), datetime.time(18, 30)),
    Entry.Session.EVENING: (datetime.time(16, 0), datetime.time(23, 59)),
}


class EntryForm(forms.ModelForm):
    date = forms.TypedChoiceField(label=_("date"), coerce=datetime.date.fromisoformat)
    time = forms.TimeField(
        label=_("time"),
        required=False,
        # Plain text, not type="time": browsers show that as "07:30 AM" in some locales, and it
        # cannot give back a mistyped value for the person to correct.
        widget=forms.TimeInput(attrs={"inputmode": "numeric", "maxlength": "8", "size": "6"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%Hg%M"],
        error_messages={"invalid": _("Enter a time such as 07:30.")},
    )

    class Meta:
        model = Entry
        fields = ["date", "session", "time", "content", "presiding", "participants", "venue", "preparing_unit"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"content": {"required": _("Enter what the engagement is.")}}

    def __init__(self, *args, week=None, **kwargs):
        super().__init__(*args, **kwargs)
        # "Thứ Hai, 07/12": the week (and so the year) is the screen's title.
        self.fields["date"].choices = [(day.isoformat(), f"{format_weekday(day)}, {day:%d/%m}") for day in week.days()]
        self.fields["date"].error_messages["invalid_choice"] = _("Choose a day of this week.")
        if isinstance(self.initial.get("date"), datetime.date):
            # The choices are ISO strings: an initial date object would always look "changed"
            # (and count an adjustment nobody made).
            self.initial["date"] = self.initial["date"].isoformat()
        self.fields["presiding"].queryset = Person.objects.filter(is_leader=True, is_active=True)
        self.fields["preparing_unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["session"].widget.attrs["class"] = "schedule-session"

    def clean(self):
        cleaned = super().clean()
        session, time = cleaned.get("session"), cleaned.get("time")
        if session and time is not None:
            start, end = SESSION_HOURS[Entry.Session(session)]
            if not start <= time <= end:
                self.add_error(
                    "time",
                    _("%(time)s is not in the %(session)s: check the time or the session.")
                    % {"time": time.strftime("%H:%M"), "session": Entry.Session(session).label.lower()},
                )
        return cleaned


class BaseEntryFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, week=None, **kwargs):
        self.week = week
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "week": self.week}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            week=self.week,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


EntryFormSet = forms.modelformset_factory(
    Entry, form=EntryForm, formset=BaseEntryFormSet, extra=0, can_delete=True, max_num=300, validate_max=True
)

# Blank rows offered under each day; after saving, the screen comes back with fresh ones.
# Weekdays carry most engagements, the weekend few.
BLANK_ROWS = (3, 3, 3, 3, 3, 1, 1)


def entry_formset(week, data=None):
    queryset = week.entries.select_related("presiding", "preparing_unit") if week.pk else Entry.objects.none()
    initial = [
        {"date": day.isoformat(), "session": Entry.Session.MORNING}
        for day, blanks in zip(week.days(), BLANK_ROWS, strict=True)
        for _ in range(blanks)
    ]
    formset = EntryFormSet(data, queryset=queryset, week=week, initial=initial, prefix="entries")
    formset.extra = len(initial)
    return formset


def grouped_forms(week, formset):
    """The formset's forms under their day, in the order the day reads (session, time).

    A row whose day is not one of the week's (tampered input) comes first, under no day,
    so its error is seen."""
    days = {day.isoformat(): [] for day in week.days()}
    stray = []
    for form in formset.forms:
        value = form["date"].value()
        key = value.isoformat() if isinstance(value, datetime.date) else str(value or "")
        days.get(key, stray).append(form)

    def order(form):
        # Blank lines (new, nothing typed) last; then as the day reads: session, time.
        blank = not form.instance.pk and not (form.is_bound and form.has_changed())
        return (blank, str(form["session"].value() or "9"), str(form["time"].value() or ""))

    return stray, [
        {"date": datetime.date.fromisoformat(key), "forms": sorted(forms_, key=order)} for key, forms_ in days.items()
    ]
