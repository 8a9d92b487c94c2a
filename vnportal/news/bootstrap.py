"""The minimum page tree a site needs: locale, root page, home page, default site, root collection.

The migrations create it on a new install. A database flush (``manage flush``, or a
transactional test's teardown) empties every table but is followed by the
``post_migrate`` signal, and this puts the tree back, so the portal is never left
without a home page to serve. It lives here, not in core, because the home page is
this app's (NewsConfig.ready connects it to the news app's ``post_migrate``).
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from vnportal.core import public

from .models import HomePage


def ensure_site_tree(using="default", **kwargs):
    with transaction.atomic(using=using):
        locale, _ = Locale.objects.using(using).get_or_create(language_code=settings.LANGUAGE_CODE)
        if not Collection.objects.using(using).filter(depth=1).exists():
            Collection.add_root(name="Thư mục gốc")  # as core.0003 names it
        root = Page.objects.using(using).filter(depth=1).first()
        if root is None:
            root = Page.add_root(instance=Page(title="Gốc", slug="root", locale=locale))
        if not Site.objects.using(using).filter(is_default_site=True).exists():
            home = HomePage.objects.using(using).filter(depth=2).first()
            if home is None:
                home = HomePage(title="Trang chủ", slug="trang-chu", locale=locale)
                root.add_child(instance=home)
            Site.objects.using(using).create(
                hostname=public.host(),
                port=settings.PUBLIC_PORT,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        # The migrations create it as localhost:80; an operator may have changed the address since.
        public.sync_default_site(using=using)
