"""The document's admin form: a sub-portal's editors file documents on their own portal only."""

from vnportal.core.sitescoped_form import SiteScopedAdminForm


class DocumentAdminForm(SiteScopedAdminForm):
    pass
