from django import forms
from django.utils.translation import gettext_lazy as _

from vnportal.core import guard
from vnportal.core.text import nfc, strip_control
from vnportal.library.validators import validate_attachment

from . import codes
from .models import Question, QuestionField


def _clean_text(value):
    return nfc(strip_control(value or "")).strip()


class SubmitForm(guard.GuardedForm):
    """Gửi câu hỏi / phản ánh: only the data the notice above the form names; the shared
    anti-abuse guard (core/guard.py: honeypot, fill time, proof of work, per-address limits)."""

    guard_scope = "questions"

    kind = forms.ChoiceField(label=_("What are you sending?"), choices=Question.Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("The tracking code and the answer are sent here.")
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    address = forms.CharField(label=_("Address (optional)"), max_length=255, required=False)
    field = forms.ModelChoiceField(
        label=_("Subject field"), queryset=QuestionField.objects.all(), empty_label=_("Choose a field")
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    content = forms.CharField(label=_("Content"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(
        label=_("Attached file (optional)"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOC, DOCX, XLS, XLSX or ODT; the content is checked."),
    )
    name_shown = forms.ChoiceField(
        label=_("If the answer is published, show"),
        choices=Question.NameShown.choices,
        initial=Question.NameShown.INITIALS,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I have read the notice on personal data above and agree to it."),
        error_messages={"required": _("Please tick that you agree to the notice on personal data.")},
    )

    def clean_name(self):
        return _clean_text(self.cleaned_data["name"])

    def clean_phone(self):
        value = _clean_text(self.cleaned_data["phone"])
        if value and not all(c.isdigit() or c in " +().-" for c in value):
            raise forms.ValidationError(_("A phone number has only digits, spaces and + ( ) . -"))
        return value

    def clean_address(self):
        return _clean_text(self.cleaned_data["address"])

    def clean_title(self):
        value = _clean_text(self.cleaned_data["title"])
        if not value:
            raise forms.ValidationError(_("Please write a title."))
        return value

    def clean_content(self):
        value = _clean_text(self.cleaned_data["content"])
        if len(value) < 10:
            raise forms.ValidationError(_("Please write your question or report in a few sentences."))
        return value


class LookupForm(forms.Form):
    """Tra cứu: the tracking code and the e-mail it was sent to, both required."""

    code = forms.CharField(label=_("Tracking code"), max_length=40)
    email = forms.EmailField(label=_("E-mail used when sending"), max_length=254)

    def clean_code(self):
        value = codes.normalise(self.cleaned_data["code"])
        if not value:
            raise forms.ValidationError(_("A tracking code has ten letters and digits, for example K7M2Q-XR94T."))
        return value


class FieldFilterForm(forms.Form):
    linh_vuc = forms.ModelChoiceField(
        label=_("Subject field"), queryset=QuestionField.objects.all(), required=False, empty_label=_("All fields")
    )
