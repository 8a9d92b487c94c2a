"""The portal's languages: Vietnamese everywhere, English pages under /en/ (docs/translation.md).

The language of a request is decided by its path only (Django's ``i18n_patterns`` with
``prefix_default_language=False``): never by a cookie or by Accept-Language, so that one
address is one page for every reader, the page cache and nginx key on the path alone, and
no Vietnamese address ever redirects to /en/.

What the layout shows in a language other than Vietnamese is kept to what exists in it:
the blocks apps hook into the sidebar, footer and notices are written by editors in
Vietnamese, so only those marked ``multilingual`` (their text comes from the catalogs,
like the statistics block) are drawn on English pages.
"""

from django.conf import settings
from django.db.models import Count
from django.utils import translation
from wagtail.models import Locale, Page

from . import public, sitetree, structure, text


def default():
    return settings.LANGUAGE_CODE


def current():
    """The active language code ("vi", "en")."""
    return translation.get_language() or settings.LANGUAGE_CODE


def is_default(code=None):
    return (code or current()) == settings.LANGUAGE_CODE


def names():
    """``{code: name in that language}`` for the switcher: "Tiếng Việt", "English"."""
    return {code: text.nfc(translation.get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES}


def locale_ids():
    """``{language code: Locale id}`` from the structure cache (a query only when cold)."""
    return structure.cached("locales", lambda: dict(Locale.objects.values_list("language_code", "pk")))


def active_locale_id():
    return locale_ids().get(current())


def multilingual(fn):
    """Mark a layout hook (sidebar, footer, notices) whose output is right in every language."""
    fn.multilingual = True
    return fn


def shown_here(fn):
    """Is this layout hook drawn in the active language?"""
    return is_default() or getattr(fn, "multilingual", False)


def home_url(code):
    """The home page's address in ``code``: "/" for Vietnamese, "/en/" for English."""
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def _translation_table():
    """``{translation key: [(locale id, tree path, site id, site root url, path)]}`` of the live
    pages that exist in more than one language, from the structure cache: drawing the hreflang
    alternates and the switcher costs no query (core/invalidation.py forgets it when a tree page
    or a page in another language changes)."""

    def build():
        shared = (
            Page.objects.values("translation_key")
            .annotate(languages=Count("locale_id", distinct=True))
            .filter(languages__gt=1)
            .values("translation_key")
        )
        table = {}
        for page in Page.objects.filter(translation_key__in=shared, live=True).only(
            "id", "path", "url_path", "depth", "locale_id", "translation_key"
        ):
            parts = page.get_url_parts()
            if parts and parts[2]:
                table.setdefault(str(page.translation_key), []).append((page.locale_id, page.path, *parts))
        return table

    return structure.cached("translations", build)


def translations_of(page, request=None, absolute=False):
    """``{language code: url}`` of the live, public versions of ``page`` (itself included), or {}
    when it exists in one language only. URLs on the request's site are paths, unless ``absolute``."""
    key = getattr(page, "translation_key", None)
    if not isinstance(page, Page) or key is None or not page.pk:
        return {}
    entries = _translation_table().get(str(key))
    if not entries:
        return {}
    codes = {pk: code for code, pk in locale_ids().items()}
    site = sitetree.site_for_request(request) if request is not None else None
    access = sitetree.access()
    found = {}
    for locale_id, path, site_id, root_url, page_path in entries:
        code = codes.get(locale_id)
        if code is None or access.is_private(path):
            continue
        here = site is not None and site.pk == site_id
        found[code] = root_url + page_path if root_url and (absolute or not here) else page_path
    return found


def alternates(page, request=None):
    """``[(hreflang, url)]`` for <link rel="alternate">: every language the page exists in, and
    x-default (the Vietnamese one), or [] when the page exists in one language only."""
    # Absolute, at the site's address (never the request's Host: the page may be cached).
    urls = translations_of(page, request, absolute=True)
    if len(urls) < 2:
        return []
    pairs = sorted(urls.items(), key=lambda item: (item[0] != settings.LANGUAGE_CODE, item[0]))
    if settings.LANGUAGE_CODE in urls:
        pairs.append(("x-default", urls[settings.LANGUAGE_CODE]))
    return [(code, url if "://" in url else public.url(url)) for code, url in pairs]


def switcher(page, request=None):
    """``[{"code", "name", "url", "translated"}]``: the other languages, each linking to this
    page's translation when there is one, else to that language's home."""
    urls = translations_of(page, request) if page is not None else {}
    here = current()
    links = []
    for code, name in names().items():
        if code == here:
            continue
        url = urls.get(code)
        links.append({"code": code, "name": name, "url": url or home_url(code), "translated": bool(url)})
    return links


def menu(request, current_page):
    """The main menu of a non-default language: its home, then the home's live, public children
    (each with its own as sub-items). Only what exists in the language is listed; the apps'
    links (Văn bản, Hỏi đáp …) lead to Vietnamese-only parts and are left out."""
    site = sitetree.site_for_request(request)
    locale_id = active_locale_id()
    if site is None or locale_id is None:
        return []
    root = site.root_page
    home = root if root.locale_id == locale_id else root.get_translation_or_none(locale_id)
    if home is None or not home.live:
        return [{"title": translation.gettext("Home"), "url": home_url(current()), "active": False, "children": []}]
    current_path = getattr(current_page, "path", "") or ""
    access = sitetree.access()

    def visible(queryset):
        return [p for p in queryset.live().order_by("path") if not access.is_private(p.path)]

    items = [
        {
            "title": translation.gettext("Home"),
            "url": home.get_url(request=request),
            "active": current_path == home.path,
        }
    ]
    for section in visible(home.get_children()):
        children = [
            {"title": child.title, "url": child.get_url(request=request), "active": current_path.startswith(child.path)}
            for child in visible(section.get_children().in_menu())
        ]
        items.append(
            {
                "title": section.title,
                "url": section.get_url(request=request),
                "active": bool(current_path) and current_path.startswith(section.path),
                "children": children,
            }
        )
    return items


# --- A language's home page gets the rights and workflow of the Vietnamese one ---------------------


def copy_home_rights(sender, instance, created=False, raw=False, **kwargs):
    """Wagtail gives page rights along the tree; a translated home page is a new top of the tree
    (beside the Vietnamese home, not under it), so without this nobody but a superuser could
    edit or approve the English pages. It gets the groups' rights and the review workflow of
    the home page it translates, when it is made (the admin's "Translate", or the demo)."""
    if not created or raw or not isinstance(instance, Page) or instance.depth != 2:
        return
    from wagtail.models import GroupPagePermission, WorkflowPage

    source = Page.objects.filter(translation_key=instance.translation_key, depth=2).exclude(pk=instance.pk).first()
    if source is None:
        return
    for permission in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=instance, permission_id=permission.permission_id
        )
    workflow_page = WorkflowPage.objects.filter(page=source).first()
    if workflow_page is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow_id": workflow_page.workflow_id})


def connect():
    from django.db.models.signals import post_save

    post_save.connect(copy_home_rights, dispatch_uid="vnportal.core.languages.copy_home_rights")


def is_default_locale(page):
    """Is ``page`` in the portal's own language (Vietnamese)?"""
    default = locale_ids().get(settings.LANGUAGE_CODE)
    return default is None or page.locale_id == default


def translation_paths(page, ancestor_paths=()):
    """The paths of ``page``'s other live translations: their hreflang alternates and switcher
    name it, so nginx must forget them when it is published or withdrawn (the purge hook)."""
    key = getattr(page, "translation_key", None)
    if key is None or not isinstance(page, Page):
        return []
    paths = []
    for other in Page.objects.filter(translation_key=key, live=True).exclude(pk=page.pk):
        parts = other.get_url_parts()
        if parts and parts[2]:
            paths.append(parts[2])
    return paths
