"""Template helpers: Vietnamese dates, image sizes, the main menu and the sidebar blocks."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.images.templatetags.wagtailimages_tags import ImageNode

from vnportal.core import branding, fragments, languages, pages, public, renditions, sitetree, text

register = template.Library()

register.filter("vn_datetime", text.format_article_datetime)
register.filter("vn_date", text.format_short_date)
register.filter("vn_docdate", text.format_document_date)
register.filter("fold", text.fold)
register.filter("cut_at_word", text.cut_at_word)


@register.simple_tag(takes_context=True)
def portal_name(context):
    """The agency's portal name (admin titles and branding; vnportal.core.branding)."""
    return branding.portal_name(context.get("request"))


@register.simple_tag(takes_context=True)
def creatable_page_types(context, page_types, parent_page):
    """The admin's "create a page here" choices less the types this user may not create."""
    from django.apps import apps

    user = context["request"].user
    return [
        entry for entry in page_types if pages.user_may_create(user, apps.get_model(entry[1], entry[2]), parent_page)
    ]


@register.filter
def scheduled_go_live(page):
    """ "Thứ Sáu, 13/11/2020 15:30" when the page waits to go live (admin listings), else ""."""
    go_live_at = getattr(page, "go_live_at", None)
    if go_live_at is None or (page.live and go_live_at <= timezone.now()):
        return ""
    return text.format_article_datetime(go_live_at)


@register.simple_tag(takes_context=True)
def public_page_url(context, page):
    """``{% public_page_url page as url %}``: the page's absolute public URL, never with the
    request's query string or Host (a cached page would hand them to every later reader)."""
    return public.page_url(page, request=context.get("request"))


@register.simple_tag(takes_context=True)
def public_url(context, path):
    """``{% public_url "/rss/" %}``: a path on the portal at the public address of the
    request's site (the province's, or a sub-portal's: its Site row, never the raw Host)."""
    return public.url(path, request=context.get("request"))


def _reverse_or_none(name):
    if not name:  # the app has nothing to link to yet
        return None
    if name.startswith("/"):  # a path already (a page the app found, e.g. agency's Giới thiệu)
        return name
    try:
        return reverse(name)
    except NoReverseMatch:  # the app that owns the URL is not installed
        return None


@register.tag("rendition")
def rendition(parser, token):
    """``{% rendition image "card" alt="" %}`` or ``{% rendition image "social" as og %}``.

    Wagtail's ``{% image %}`` with the size named in vnportal.core.renditions.SPECS
    (the list the pre-generation uses); an unknown name fails when the template loads.
    """
    tag_name, *bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{tag_name} needs an image and a size name")
    image_expr = parser.compile_filter(bits[0])
    name = bits[1].strip("\"'")
    if name not in renditions.SPECS:
        raise template.TemplateSyntaxError(f"{tag_name}: unknown size {name!r}; known: {', '.join(renditions.SPECS)}")
    attrs, output_var_name, rest = {}, None, bits[2:]
    if len(rest) >= 2 and rest[-2] == "as":
        output_var_name, rest = rest[-1], rest[:-2]
    for bit in rest:
        key, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(f"{tag_name}: expected key=value, got {bit!r}")
        attrs[key] = parser.compile_filter(value)
    if output_var_name and attrs:
        raise template.TemplateSyntaxError(f"{tag_name}: no attributes with 'as'")
    return ImageNode(image_expr, [renditions.SPECS[name]], output_var_name=output_var_name, attrs=attrs)


@register.inclusion_tag("core/main_menu.html", takes_context=True)
def main_menu(context):
    """Trang chủ, the top sections shown in menus (from the cached site tree), then the apps' links;
    or the menu an editor built (``vnportal_main_menu`` below). An item may carry ``children``.

    An app adds a link with ``@hooks.register("vnportal_main_menu_items", order=N)``: a
    function ``() -> (title, url name)``, called per request (so the title is in the
    reader's language); a URL that does not resolve is left out. In place of a URL name it
    may give a path ("/gioi-thieu/", a page it found) or "" (nothing to link to yet)."""
    request = context["request"]
    current = context.get("page") or context.get("self")
    if not languages.is_default():  # i18n: only what exists in that language (core/languages.py)
        return {"items": languages.menu(request, current)}
    # A menu built in the admin (the navigation app) replaces this one: the first
    # ``vnportal_main_menu`` hook, ``(request, current page) -> items or None``, that answers.
    for fn in hooks.get_hooks("vnportal_main_menu"):
        configured = fn(request, current)
        if configured is not None:
            return {"items": configured}
    tree = sitetree.tree_for_request(request)
    current_path = getattr(current, "path", "")
    items = []
    if tree:
        home = tree.root
        items.append({"title": _("Home"), "url": "/", "active": current_path == home.path})
        for section in tree.children(home, in_menu=True):
            items.append(
                {
                    "title": section.title,
                    "url": section.get_url(request=request),
                    "active": bool(current_path) and current_path.startswith(section.path),
                }
            )
    for fn in hooks.get_hooks("vnportal_main_menu_items"):
        title, name = fn()
        url = _reverse_or_none(name)
        # A page an app found in the tree (Giới thiệu) is linked only on the portal it belongs to.
        if url and name.startswith("/") and tree is not None and not tree.has_live_path(url):
            continue
        if url:
            items.append({"title": title, "url": url, "active": request.path == url})
    return {"items": items}


@register.simple_tag(takes_context=True)
def sidebar_blocks(context):
    """Blocks that apps put in the sidebar (poll, statistics …), in hook order.

    An app registers ``@hooks.register("vnportal_sidebar_blocks", order=N)`` with a
    function ``(context) -> str``; an empty string leaves no trace.
    """
    parts = [fn(context) for fn in hooks.get_hooks("vnportal_sidebar_blocks") if languages.shown_here(fn)]
    return mark_safe("".join(part for part in parts if part))


@register.inclusion_tag("core/footer_links.html", takes_context=True)
def footer_links(context):
    """Links the apps put in every page's footer (agency: the accessibility statement).

    An app registers ``@hooks.register("vnportal_footer_links")`` with a function
    ``(request) -> [(title, url)]``, called per request: it must cost no query once the
    caches are warm (every page shows the footer; the query-count tests hold to that).
    """
    request = context.get("request")
    links = []
    if request is not None:
        for fn in filter(languages.shown_here, hooks.get_hooks("vnportal_footer_links")):
            links.extend({"title": title, "url": url} for title, url in fn(request) or [])
    return {"links": links}


def _hooked_html(hook_name, context):
    parts = [fn(context) for fn in hooks.get_hooks(hook_name) if languages.shown_here(fn)]
    return mark_safe("".join(part for part in parts if part))


@register.simple_tag(takes_context=True)
def site_notices(context):
    """Notices at the very top of every public page (planned maintenance …), in hook order.

    An app registers ``@hooks.register("vnportal_site_notices")`` with a function
    ``(context) -> str``; an empty string leaves no trace."""
    return _hooked_html("vnportal_site_notices", context)


@register.simple_tag(takes_context=True)
def footer_blocks(context):
    """Blocks in the footer of every public page (link groups …), in hook order.

    An app registers ``@hooks.register("vnportal_footer_blocks")`` with a function
    ``(context) -> str``; an empty string leaves no trace."""
    return _hooked_html("vnportal_footer_blocks", context)


@register.simple_tag(takes_context=True)
def home_blocks(context):
    """Blocks that apps put on the home page below the featured article ("Lịch công tác tuần
    này" …): the home page belongs to news, which imports no other content app.

    An app registers ``@hooks.register("vnportal_home_blocks", order=N)`` with a function
    ``(context) -> str``; an empty string leaves no trace. Each block is part of the home
    page's fixed query count (tests/news/test_query_counts.py), so keep it to a query or two.
    """
    parts = [fn(context) for fn in hooks.get_hooks("vnportal_home_blocks")]
    return mark_safe("".join(part for part in parts if part))


@register.simple_tag(takes_context=True)
def account_links(context):
    """Sign-in / register (or profile / sign-out) links in the menu bar, from the app that owns accounts.

    An app registers ``@hooks.register("vnportal_account_links")`` with a function ``(request) -> str``;
    the first non-empty answer is used, so the header never names an app it cannot import.
    """
    request = context.get("request")
    if request is None or not languages.is_default():  # i18n: the member pages are Vietnamese only
        return ""
    for fn in hooks.get_hooks("vnportal_account_links"):
        html = fn(request)
        if html:
            return mark_safe(html)
    return ""


# --- i18n: the language switcher and hreflang alternates (core/languages.py) ---


@register.inclusion_tag("core/language_links.html", takes_context=True)
def language_links(context):
    """``<link rel="alternate" hreflang>`` for every language the page exists in (with x-default)."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    page = page if getattr(page, "translation_key", None) else None
    return {"alternates": languages.alternates(page, request) if page else []}


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The link to the other language: this page's translation, else that language's home."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    page = page if getattr(page, "translation_key", None) else None
    return {"links": languages.switcher(page, request)}


@register.simple_tag
def home_url():
    """The home page of the active language: "/" or "/en/"."""
    return languages.home_url(languages.current())


@register.simple_tag
def search_url():
    """The search page of the active language: /tim-kiem/, or /en/search/ (vnportal/urls.py); ""
    when the search app is not installed."""
    name = "search:index" if languages.is_default() else "search_i18n:index"
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, key_parts):
        self.nodelist = nodelist
        self.name = name
        self.key_parts = key_parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.key_parts]
        if any(part is None or part == "" for part in parts):  # the caller says: not this time
            return self.nodelist.render(context)
        key = ":".join([self.name, *map(str, parts)])
        return fragments.cached(context.get("request"), key, lambda: self.nodelist.render(context))


@register.tag("fragment")
def fragment(parser, token):
    """``{% fragment "footer" page.pk %}…{% endfragment %}``: the enclosed output, kept in the
    fragment cache (vnportal.core.fragments) under the name and the values given — which must
    be everything the output depends on — for the current purge generation. A value that is
    None or empty renders the block uncached. Only pages every reader shares use it; anything
    personal inside such a block would be shown to everyone."""
    tag_name, *bits = token.split_contents()
    if not bits:
        raise template.TemplateSyntaxError(f"{tag_name} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[0].strip("\"'"), [parser.compile_filter(bit) for bit in bits[1:]])
