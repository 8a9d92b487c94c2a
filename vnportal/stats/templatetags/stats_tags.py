from django import template

register = template.Library()


@register.filter
def vn_number(value):
    """23287504 → "23.287.504" (Vietnamese groups thousands with dots); stats.js does the same."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value
