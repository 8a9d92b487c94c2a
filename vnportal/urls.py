from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vnportal.core import media, paths
from vnportal.core.pagecache import shared_cache
from vnportal.core.sitemaps import sitemap

urlpatterns = [
    path(paths.ADMIN_PREFIX[1:], include(wagtailadmin_urls)),  # core/paths.py: never a page, never shared
    path(paths.DJANGO_ADMIN_PREFIX[1:], admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", shared_cache(sitemap), name="sitemap"),  # pages + the vnportal_sitemaps hook
    path("", include("vnportal.navigation.urls")),  # so-do-cong/, lien-ket/
    path("", include("vnportal.news.urls")),  # the/<slug>/
    path("", include("vnportal.polls.urls")),
    path("", include("vnportal.ratings.urls")),
    path(paths.MEMBERS_PREFIX[1:], include("vnportal.accounts.urls")),
    path("api/stats/", include("vnportal.stats.urls")),
    path("api/v1/", include("vnportal.api.urls")),  # the open-data API (docs/open-data.md)
    path("tim-kiem/", include("vnportal.search.urls")),
    path("van-ban/", include("vnportal.library.urls")),
    path("gop-y-du-thao/", include("vnportal.consultations.urls")),
    path("", include("vnportal.contact.urls")),  # lien-he/
    path("hoi-dap/", include("vnportal.questions.urls")),
    path("lich-cong-tac/", include("vnportal.schedule.urls")),
]

if settings.SERVE_MEDIA:
    # Embedded profile: nobody else serves uploads. Behind nginx this is off. The folders
    # nginx refuses (document files: their apps check who may read them) are refused here too.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.serve)]

# Pages: Vietnamese at their old addresses, English under /en/ (core/languages.py); the
# language comes from the path, never from a cookie or Accept-Language, so nothing redirects.
# The search page of a non-default language (/en/search/, docs/search.md) comes before the pages;
# its Vietnamese form ("tim-kiem/") is never reached: the plain /tim-kiem/ above answers first.
urlpatterns += i18n_patterns(
    path(_("search/"), include("vnportal.search.urls", namespace="search_i18n")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Vietnamese error pages (vnportal/core/errors.py); 404 is Django's view with templates/404.html.
handler400 = "vnportal.core.errors.bad_request"
handler403 = "vnportal.core.errors.permission_denied"
