"""The poll's admin form: a sub-portal's editors choose among their own portals only."""

from vnportal.core.sitescoped_form import SiteScopedAdminForm


class PollAdminForm(SiteScopedAdminForm):
    pass
