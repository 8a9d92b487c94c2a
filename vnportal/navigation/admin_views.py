"""The broken-link report (Liên kết hỏng): what the weekly check found, for whoever edits links."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import linkcheck
from .models import Link


def broken_links(request):
    if not request.user.has_perm("navigation.change_linkgroup"):
        raise PermissionDenied
    links = Link.objects.filter(is_broken=True).select_related("group").order_by("group__sort_order", "group__title")
    checked = Link.objects.filter(last_checked_at__isnull=False).count()
    total = Link.objects.count()
    context = {
        "links": links,
        "checked": checked,
        "total": total,
        "enabled": linkcheck.enabled(),
        "interval_days": linkcheck.interval().days,
    }
    return TemplateResponse(request, "navigation/admin/broken_links.html", context)
