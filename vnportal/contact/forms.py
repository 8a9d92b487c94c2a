"""The public Liên hệ form: guarded by core/guard.py like every citizen form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vnportal.agency.models import Unit
from vnportal.core.guard import GuardedForm


class ContactForm(GuardedForm):
    guard_scope = "contact"

    name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), max_length=254, help_text=_("The unit answers you at this address."))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    unit = forms.ModelChoiceField(
        label=_("Send to"),
        queryset=Unit.objects.none(),
        empty_label=_("— Choose a unit —"),
        error_messages={"invalid_choice": _("Please choose a unit from the list.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, e-mail and phone are used only to answer this message; they are erased "
            "after the message is closed."
        ),
        error_messages={"required": _("Please agree to the personal-data notice to send the message.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by("sort_order", "name")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
