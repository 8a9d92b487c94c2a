"""Which portals (Wagtail Sites) a member of staff works on: one install serves the province's
portal and its sub-portals (docs/sub-portals.md), and a sub-portal's editors see only theirs.

A user's sites follow from the rights they already hold, so there is no second list to keep:
- a superuser, or anyone with a page permission on the tree's root, works on every site;
- otherwise the sites whose home holds (or lies under) a page they have a permission on, and
  the sites whose settings a group lets them change (Wagtail's GroupSitePermission);
- someone with neither works on the default site only.

Services and content with rows that belong to one site (polls, official documents …) register
the model here (``register(model, "site")``): their snippet listing is filtered, and their admin
URLs refuse another site's row (``AdminScopeMiddleware``: 404, as if it did not exist), bulk
actions included. Site settings are Wagtail's own per-site permissions.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.models import GroupPagePermission, GroupSitePermission, Page, Site

from . import paths

SCOPED_MODELS = {}  # model → the name of its ForeignKey to wagtailcore.Site


def register(model, field="site"):
    SCOPED_MODELS[model] = field


def user_site_ids(user):
    """The ids of the sites ``user`` works on, or None for every site (cached on the user)."""
    cache_attr = "_vnportal_site_ids"
    if hasattr(user, cache_attr):
        return getattr(user, cache_attr)
    found = _site_ids(user)
    setattr(user, cache_attr, found)
    return found


def _site_ids(user):
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    page_paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
    )
    if any(len(path) <= Page.steplen for path in page_paths):  # the tree's root: every site
        return None
    found = set(GroupSitePermission.objects.filter(group__user=user).values_list("site_id", flat=True))
    for site_id, root_path in Site.objects.values_list("pk", "root_page__path"):
        if any(path.startswith(root_path) or root_path.startswith(path) for path in page_paths):
            found.add(site_id)
    if not found:
        default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        found = {default} if default is not None else set()
    return found


def may_work_on(user, site_id):
    site_ids = user_site_ids(user)
    return site_ids is None or site_id in site_ids


def user_sites(user):
    """The Site rows ``user`` works on (the default site first)."""
    sites = Site.objects.order_by("-is_default_site", "hostname", "port")
    site_ids = user_site_ids(user)
    return sites if site_ids is None else sites.filter(pk__in=site_ids)


def filter_for_user(queryset, user, field="site"):
    site_ids = user_site_ids(user)
    return queryset if site_ids is None else queryset.filter(**{f"{field}__in": site_ids})


def _scoped_model_by_label(app_label, model_name):
    for model, field in SCOPED_MODELS.items():
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model, field
    return None, None


def _scoped_model_of(match):
    for model, field in SCOPED_MODELS.items():
        viewset = getattr(model, "snippet_viewset", None)
        if viewset is not None and match.namespace == viewset.get_admin_url_namespace():
            return model, field
    return None, None


class AdminScopeMiddleware:
    """Admin URLs of a row of another site answer 404 (edit, delete, history, usage …): the
    snippet views load rows by primary key without asking the listing's queryset."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(paths.ADMIN_PREFIX) or not SCOPED_MODELS:
            return None
        match = request.resolver_match
        if match is not None and match.url_name == "wagtail_bulk_action":
            return self._scope_bulk_action(request, view_kwargs)
        pk = view_kwargs.get("pk")
        if match is None or pk is None:
            return None
        model, field = _scoped_model_of(match)
        if model is None:
            return None
        try:
            site_id = model._default_manager.filter(pk=unquote(str(pk))).values_list(f"{field}_id", flat=True).first()
        except (ValueError, TypeError, ValidationError):  # not a key at all: the view answers 404 itself
            return None
        if site_id is not None and not may_work_on(request.user, site_id):
            raise Http404
        return None

    def _scope_bulk_action(self, request, view_kwargs):
        """Wagtail's bulk actions (/bulk/<app>/<model>/delete/?id=…) load every id they are given,
        and ``id=all`` means every row of the model: a named row of another site answers 404,
        and "all" becomes all of the user's own rows."""
        model, field = _scoped_model_by_label(view_kwargs.get("app_label"), view_kwargs.get("model_name"))
        site_ids = user_site_ids(request.user) if model is not None else None
        if site_ids is None:
            return None
        own = model._default_manager.filter(**{f"{field}__in": site_ids})
        ids = request.GET.getlist("id")
        if "all" in ids:
            query = request.GET.copy()
            query.setlist("id", [str(pk) for pk in own.values_list("pk", flat=True)] or ["0"])
            request.GET = query
            return None
        try:
            keys = [unquote(str(pk)) for pk in ids]
            others = model._default_manager.filter(pk__in=keys).exclude(pk__in=own.values("pk"))
            if others.exists():
                raise Http404
        except (ValueError, TypeError, OverflowError, ValidationError) as exc:  # not keys (Wagtail would 500)
            raise Http404 from exc
        return None
