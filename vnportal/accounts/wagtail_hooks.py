"""Members in the scheduler."""

from wagtail import hooks

from . import registration


@hooks.register("vnportal_scheduled_jobs")
def accounts_jobs():
    return [("accounts_cleanup", 3600, registration.remove_unconfirmed)]
