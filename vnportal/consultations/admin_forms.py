"""The draft's admin form: unit staff choose only among the units whose staff they are."""

from wagtail.admin.forms import WagtailAdminModelForm

from vnportal.agency.models import Unit


class DraftAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "unit" in self.fields and user is not None and not user.is_superuser:
            self.fields["unit"].queryset = Unit.objects.filter(staff=user)
