"""The main menu the editors build in the admin (Cài đặt › Trình đơn chính).

An item is a page, one of the portal's *parts* (parts.py) or an address, with one level of
sub-items. With no menu configured the menu stays what core builds by itself (home, the
sections shown in menus, the apps' links).

The items are resolved once per structure generation (core/structure.py: any change to a
page of the tree, to the menu setting or to a page the menu names starts a new one) and
kept in the cache, so drawing the menu costs no query, however many items it has.
"""

from vnportal.core import sitetree, structure

from . import parts
from .models import MenuSettings


def _link(value, request):
    """``{"label", "page_path", "url", "part"}`` for one block value, or None when its target is gone."""
    label = (value.get("label") or "").strip()
    page, part, url = value.get("page"), value.get("part"), value.get("url")
    if page is not None:
        if not page.live:
            return None
        page_url = page.get_url(request=request)
        if not page_url:
            return None
        # The home page holds every page: it is the reader's place only on itself.
        exact = page.depth is not None and page.depth <= 2
        return {"label": label or page.title, "url": page_url, "page_path": page.path, "exact": exact, "part": None}
    if part:
        part_url = parts.url_of(part)
        if part_url is None:
            return None
        return {"label": label, "url": part_url, "page_path": None, "exact": True, "part": part}
    if url:
        return {"label": label, "url": url, "page_path": None, "exact": True, "part": None}
    return None


def _resolve(menu_settings, request):
    items = []
    for child in menu_settings.main_menu:
        item = _link(child.value, request)
        if item is None:
            continue
        item["children"] = [link for link in (_link(sub, request) for sub in child.value.get("children") or []) if link]
        items.append(item)
    return items


def configured_items(request):
    """The resolved items of the request's site's menu (cached), or None when none is configured."""
    site = sitetree.site_for_request(request)
    if site is None:
        return None

    def build():
        menu_settings = MenuSettings.objects.filter(site_id=site.pk).first()
        if menu_settings is None or not menu_settings.main_menu.raw_data:
            return None
        return _resolve(menu_settings, request)

    return structure.cached(f"navigation:menu:{site.pk}", build)


def _active(link, request, current_path):
    if link["page_path"] and not link["exact"]:
        return bool(current_path) and current_path.startswith(link["page_path"])
    if link["page_path"]:
        return current_path == link["page_path"]
    return request.path == link["url"]


def items_for_request(request, current_page):
    """What core's main_menu tag draws: ``[{"title", "url", "active", "children": [...]}]``, or None."""
    resolved = configured_items(request)
    if resolved is None:
        return None
    titles = parts.all_parts() if any(i["part"] or any(c["part"] for c in i["children"]) for i in resolved) else {}
    current_path = getattr(current_page, "path", "")

    def draw(link):
        title = link["label"] or titles.get(link["part"], "")
        return {"title": title, "url": link["url"], "active": _active(link, request, current_path)}

    drawn = []
    for link in resolved:
        item = draw(link)
        item["children"] = [draw(child) for child in link["children"]]
        # A page whose sub-page is open is the reader's place in the menu too.
        item["active"] = item["active"] or any(child["active"] for child in item["children"])
        drawn.append(item)
    return drawn
