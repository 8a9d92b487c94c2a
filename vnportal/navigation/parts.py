"""The catalogue of the portal's parts an editor may put in the main menu.

The apps fill it through ``vnportal_main_menu_items`` (a function ``() -> (title, url name)``,
see core/templatetags/vnportal.py): news its sections' pages are pages already, library
Văn bản, polls Bình chọn, navigation Sơ đồ cổng … Navigation never names a content app.
"""

from django.urls import NoReverseMatch, reverse
from wagtail import hooks


def all_parts():
    """``{url name: title}`` from every app's hook, in hook order."""
    found = {}
    for fn in hooks.get_hooks("vnportal_main_menu_items"):
        title, name = fn()
        found.setdefault(name, title)
    return found


def url_of(name):
    try:
        return reverse(name)
    except NoReverseMatch:  # the app that owns the part is not installed
        return None


def part_titles():
    """The parts whose URL resolves on this site."""
    return {name: title for name, title in all_parts().items() if url_of(name)}
