"""Template helpers: Vietnamese dates, the main menu and the sidebar blocks."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, Site

from vnportal.core import text

register = template.Library()

register.filter("vn_datetime", text.format_article_datetime)
register.filter("vn_date", text.format_short_date)
register.filter("vn_docdate", text.format_document_date)
register.filter("fold", text.fold)


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:  # the app that owns the URL is not installed
        return None


@register.inclusion_tag("core/main_menu.html", takes_context=True)
def main_menu(context):
    """Trang chủ, the top sections shown in menus, Văn bản and Sơ đồ cổng."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "path", "")
    items = []
    if site:
        home = site.root_page
        items.append({"title": _("Home"), "url": "/", "active": current_path == home.path})
        for section in Page.objects.child_of(home).live().public().in_menu().only("title", "url_path", "path"):
            items.append({
                "title": section.title,
                "url": section.get_url(request=request),
                "active": bool(current_path) and current_path.startswith(section.path),
            })
    for title, name in ((_("Official documents"), "library:index"), (_("Site map"), "site_map")):
        url = _reverse_or_none(name)
        if url:
            items.append({"title": title, "url": url, "active": request.path == url})
    return {"items": items}


@register.simple_tag(takes_context=True)
def sidebar_blocks(context):
    """Blocks that apps put in the sidebar (poll, statistics …), in hook order.

    An app registers ``@hooks.register("vnportal_sidebar_blocks", order=N)`` with a
    function ``(context) -> str``; an empty string leaves no trace.
    """
    parts = [fn(context) for fn in hooks.get_hooks("vnportal_sidebar_blocks")]
    return mark_safe("".join(part for part in parts if part))
