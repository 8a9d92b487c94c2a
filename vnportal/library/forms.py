from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Document, DocumentField, DocumentType, Issuer


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or keywords"), required=False, max_length=300)
    type = forms.ModelChoiceField(
        label=_("Document type"),
        queryset=DocumentType.objects.all(),
        required=False,
        empty_label=_("All document types"),
    )
    issuer = forms.ModelChoiceField(
        label=_("Issuing body"), queryset=Issuer.objects.all(), required=False, empty_label=_("All issuing bodies")
    )
    field = forms.ModelChoiceField(
        label=_("Subject field"), queryset=DocumentField.objects.all(), required=False, empty_label=_("All fields")
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Validity"), required=False, choices=[("", _("Any validity"))] + list(Document.Status.choices)
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
