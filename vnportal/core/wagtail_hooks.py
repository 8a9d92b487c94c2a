from wagtail import hooks

from . import pagecache


@hooks.register("before_serve_page")
def share_public_pages(page, request, serve_args, serve_kwargs):
    """Every live page served to an anonymous reader may be shared (page cache, nginx);
    the mark middleware still refuses it if a cookie or CSRF token went into it."""
    pagecache.mark_shareable(request)
