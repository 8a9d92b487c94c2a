"""Figures are grouped the reader's way: "23.287.504" on Vietnamese pages, "23,287,504" on
English ones (the template filter; stats.js follows the page's lang the same way)."""

from django.utils import translation

from vnportal.stats.templatetags.stats_tags import vn_number


def test_thousands_are_grouped_by_the_pages_language():
    with translation.override("vi"):
        assert vn_number(23287504) == "23.287.504"
    with translation.override("en"):
        assert vn_number(23287504) == "23,287,504"
    assert vn_number("not a number") == "not a number"
