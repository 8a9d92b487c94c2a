"""The page cache and the comment window: a scheduled job purges the stored list and draft
pages when a draft opens or closes (rather than bounding each copy's lifetime: the page cache
has one lifetime for every page). Each draft remembers the state last purged for, and the
conditional update lets one worker only purge for a given change."""

from django.utils import timezone

from vnportal.core.purge import purge_everything

from .models import Draft


def purge_window_changes(now=None):
    now = now or timezone.now()
    changed = 0
    for draft in Draft.objects.only("pk", "opens_at", "closes_at", "window_state"):
        state = draft.state(now)
        if state != draft.window_state:
            changed += Draft.objects.filter(pk=draft.pk, window_state=draft.window_state).update(window_state=state)
    if changed:
        purge_everything()
    return changed
