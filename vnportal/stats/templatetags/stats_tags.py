from django import template
from django.utils import translation

register = template.Library()


@register.filter
def vn_number(value):
    """23287504 → "23.287.504" (Vietnamese groups thousands with dots), "23,287,504" on English
    pages; stats.js does the same by the page's lang."""
    try:
        grouped = f"{int(value):,}"
        return grouped if translation.get_language() == "en" else grouped.replace(",", ".")
    except (TypeError, ValueError):
        return value
