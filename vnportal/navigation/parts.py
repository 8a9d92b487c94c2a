"""The catalogue of the portal's parts an editor may put in the main menu.

The apps fill it through ``vnportal_main_menu_items`` (a function ``() -> (title, target)``,
see core/templatetags/vnportal.py): library Văn bản, polls Bình chọn, agency Giới thiệu,
navigation Sơ đồ cổng … Navigation never names a content app.

A part is stored in the menu under a key that does not change: its URL name ("library:index")
when the app gives one, else — an app that gives a path it found in the page tree
("/gioi-thieu/"), or "" while there is none — the hook function's dotted name, so the menu
follows the part wherever its page moves.
"""

from django.urls import NoReverseMatch, reverse
from wagtail import hooks


def _entries():
    """``(key, title, target)`` for every app's part, in hook order."""
    for fn in hooks.get_hooks("vnportal_main_menu_items"):
        title, target = fn()
        found_in_tree = not target or target.startswith("/")
        key = f"{fn.__module__}.{fn.__name__}" if found_in_tree else target
        yield key, title, target


def _url(target):
    if not target:
        return None  # the app has nothing to link to yet
    if target.startswith("/"):
        return target
    try:
        return reverse(target)
    except NoReverseMatch:  # the app that owns the part is not installed
        return None


def all_parts():
    """``{key: title}``, in hook order."""
    found = {}
    for key, title, _target in _entries():
        found.setdefault(key, title)
    return found


def url_of(key):
    """The part's URL now, or None when it has none on this site."""
    for entry_key, _title, target in _entries():
        if entry_key == key:
            return _url(target)
    return None


def part_titles():
    """The parts that have a URL on this site: what the admin offers."""
    return {key: title for key, title, target in _entries() if _url(target)}
