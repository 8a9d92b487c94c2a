from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail import hooks

from . import imageprivacy, languages, pagecache, ratelimit
from .pages import user_may_create


@hooks.register("before_serve_page")
def share_public_pages(page, request, serve_args, serve_kwargs):
    """Every live page served to an anonymous reader may be shared (page cache, nginx);
    the mark middleware still refuses it if a cookie or CSRF token went into it."""
    pagecache.mark_shareable(request)


@hooks.register("before_serve_page", order=-10)
def serve_in_own_language(page, request, serve_args, serve_kwargs):
    """i18n: a page is served in its own language only: under /en/ without an English home,
    Wagtail would route from the Vietnamese home and serve it with lang="en" (core/pages.py)."""
    locale_id = languages.active_locale_id()
    if locale_id is not None and page.locale_id != locale_id:
        raise Http404


@hooks.register("vnportal_purge_paths")
def translations_of_changed_page(page, ancestor_paths):
    """i18n: a page's translations link to it (hreflang, the switcher): purged with it."""
    return languages.translation_paths(page)


@hooks.register("construct_help_menu")
def local_help_only(request, menu_items):
    """The help menu keeps the keyboard shortcuts; the links into Wagtail's English online
    guide ("What's new", "Editor Guide") go: the admin calls and sends nobody elsewhere."""
    menu_items[:] = [item for item in menu_items if item.name not in {"editor-guide"} and "whats-new" not in item.name]


@hooks.register("before_create_page")
def refuse_page_types_the_user_may_not_create(request, parent_page, page_class):
    """The create view, reached by URL, honours the same rule as the list of page types
    (templates/wagtailadmin/pages/add_subpage.html)."""
    if not user_may_create(request.user, page_class, parent_page.specific):
        raise PermissionDenied


@hooks.register("vnportal_scheduled_jobs")
def core_jobs():
    # The database rows of the shared limiter (polls, citizen forms) whose window is over.
    return [("rate_cleanup", 3600, ratelimit.cleanup)]


# Images are public files: none goes into a collection with view restrictions (core/imageprivacy.py).
hooks.register("before_bulk_action", imageprivacy.refuse_restricted_bulk_move)
