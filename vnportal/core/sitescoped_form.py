"""The admin form of a model that belongs to one portal (``site``): polls, documents.

A sub-portal's editors choose among their own portals only: another portal's id, sent by
hand, is refused by the field itself ("Hãy chọn một lựa chọn hợp lệ …") and never saved.
Left empty (an install with one portal, an older form), the row keeps the portal it has, or
takes the editor's first — not the model's own fallback, the default site, which may not be
one the editor works on."""

from wagtail.admin.forms import WagtailAdminModelForm

from . import sitescope


class SiteScopedAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None:
            return
        field.required = False
        if self.for_user is None:
            return
        sites = sitescope.user_sites(self.for_user)
        field.queryset = sites
        if not self.instance.pk and not sitescope.may_work_on(self.for_user, self.initial.get("site")):
            first = sites.first()
            self.initial["site"] = first.pk if first is not None else None

    def clean_site(self):
        site = self.cleaned_data.get("site")
        if site is not None:
            return site
        if self.instance.pk and self.instance.site_id:
            return self.instance.site
        field = self.fields["site"]
        return field.queryset.filter(pk=self.initial.get("site")).first() or field.queryset.first()
