"""Replace Wagtail's "Welcome to your new Wagtail site!" with our Vietnamese home page.

Done in a migration so that every install, demo content or not, starts with a
HomePage titled "Trang chủ" as the root of the default site.
"""

from django.db import migrations


def _base36(number, width=4):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(width, "0")


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("news.HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:  # wagtailcore's initial data is missing: nothing to attach to
        return
    locale = Locale.objects.order_by("pk").first()
    home_type, _ = ContentType.objects.get_or_create(app_label="news", model="homepage")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")

    # Wagtail's welcome page is a plain Page with no children; remove it and take its place.
    welcome = Page.objects.filter(depth=2, content_type=page_type, numchild=0, slug="home").first()
    if welcome is not None:
        path = welcome.path
        welcome.delete()
    else:
        last = Page.objects.filter(depth=2).order_by("-path").first()
        path = root.path + (_base36(int(last.path[-4:], 36) + 1) if last else "0001")
        root.numchild += 1
        root.save(update_fields=["numchild"])

    home = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
        live=True,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "site_name": "", "root_page_id": home.pk},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
