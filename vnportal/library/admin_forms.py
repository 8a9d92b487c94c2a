"""The document's admin form: a sub-portal's editors file documents on their own portal only."""

from wagtail.admin.forms import WagtailAdminModelForm

from vnportal.core import sitescope


class DocumentAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        # The "Cổng" choice lists the editor's portals only: another portal's id, sent by hand,
        # is refused by the field itself ("Hãy chọn một lựa chọn hợp lệ …"), never saved.
        sites = sitescope.user_sites(self.for_user)
        field.queryset = sites
        if not self.instance.pk and not sitescope.may_work_on(self.for_user, self.initial.get("site")):
            first = sites.first()
            self.initial["site"] = first.pk if first is not None else None

    def clean_site(self):
        site = self.cleaned_data.get("site")
        if site is not None:
            return site
        # Left empty: the portal the document already has, else the editor's first portal (the
        # model's own fallback, the default site, may not be one the editor works on).
        if self.instance.pk and self.instance.site_id:
            return self.instance.site
        field = self.fields["site"]
        return field.queryset.filter(pk=self.initial.get("site")).first() or field.queryset.first()
