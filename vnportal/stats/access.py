"""Which portals' statistics a member of staff may read: one install serves the province's
portal and its sub-portals (Wagtail Sites), and a sub-portal's admin sees only theirs.

The rule is the one the rest of the admin follows (``vnportal.core.sitescope``: a superuser
or an editor of the tree's root works on every site, others on the sites they hold rights
on). Where that module is not installed yet, a superuser sees every site and anyone else
only the site of the address they use the admin under.
"""

from django.http import Http404
from wagtail.models import Site

try:  # the sub-portal rule, where present
    from vnportal.core.sitescope import user_sites as _user_sites
except ImportError:  # pragma: no cover - until sub-portals are merged
    _user_sites = None


def viewable_sites(request):
    """The Site rows whose statistics ``request.user`` may read (the default site first)."""
    if _user_sites is not None:
        return list(_user_sites(request.user))
    sites = Site.objects.order_by("-is_default_site", "hostname", "port")
    if request.user.is_superuser:
        return list(sites)
    own = Site.find_for_request(request)
    return [own] if own is not None else list(sites.filter(is_default_site=True))


def chosen_site(request):
    """The site the dashboard shows: ``?site=<id>`` among the viewable ones (another site's
    id is a 404, as if it did not exist), else the site of this address, else the first."""
    sites = viewable_sites(request)
    if not sites:
        raise Http404
    wanted = request.GET.get("site", "")
    if wanted:
        for site in sites:
            if str(site.pk) == wanted:
                return site, sites
        raise Http404
    own = Site.find_for_request(request)
    for site in sites:
        if own is not None and site.pk == own.pk:
            return site, sites
    return sites[0], sites
