from django import template
from django.utils.translation import gettext as _

from vnportal.core.localtime import localtime

register = template.Library()


@register.filter
def vn_moment(value):
    """“17:00 ngày 20/12/2026” in Asia/Ho_Chi_Minh: a deadline or an opening time."""
    if not value:
        return ""
    local = localtime(value)
    return _("%(time)s on %(date)s") % {"time": local.strftime("%H:%M"), "date": local.strftime("%d/%m/%Y")}
