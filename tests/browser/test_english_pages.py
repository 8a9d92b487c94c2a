"""English pages in Chromium (issue 17, point 1): an English page and the language switcher at
360 and 1,366 px, text size A and A+: the switcher is visible, overlaps nothing in the header,
the page does not scroll sideways, and following the switcher lands on the translation."""

import importlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(os.environ.get("VNPORTAL_SCREENS_DIR", Path(__file__).resolve().parents[2] / "screens"))
VIEWPORTS = ({"width": 360, "height": 800}, {"width": 1366, "height": 800})

OVERLAPS = """() => {
  const box = el => el.getBoundingClientRect();
  // base.html draws the switcher in the header and in the menu row; CSS displays one of them.
  const shown_switchers = [...document.querySelectorAll('.language-switcher a')].filter(el => el.offsetParent !== null);
  const switcher = box(shown_switchers[0]);
  const selector = '.header-search input, .header-search button, .text-size button, .brand-name, '
    + '.menu-toggle, .account-links a, .account-links button';
  const shown = [...document.querySelectorAll(selector)].filter(el => el.offsetParent !== null);
  const hit = shown.filter(el => {
    const b = box(el);
    const apart = b.right <= switcher.left || b.left >= switcher.right;
    return !(apart || b.bottom <= switcher.top || b.top >= switcher.bottom);
  });
  return {hit: hit.map(el => el.className || el.tagName), shown: shown_switchers.length,
          switcher: [switcher.left, switcher.top, switcher.width, switcher.height],
          width: document.documentElement.scrollWidth};
}"""


@pytest.fixture
def english(home):
    from django.apps import apps

    from vnportal.agency import demo

    # A live-server test's flush empties what the migrations made: make it again, the same way.
    importlib.import_module("vnportal.news.migrations.0004_roles_and_workflow").create_roles(apps, None)
    importlib.import_module("vnportal.agency.migrations.0005_english_locale_and_translators").forwards(apps, None)
    demo.build()


def set_text_size(page, size):
    page.evaluate(
        "size => { if (size) document.documentElement.dataset.textSize = size;"
        " else delete document.documentElement.dataset.textSize; }",
        size,
    )


def test_english_page_and_switcher_at_phone_and_desktop(live_server, chromium, english):
    SCREENS.mkdir(parents=True, exist_ok=True)
    failures = []
    for viewport in VIEWPORTS:
        # A browser asking for Vietnamese first: the address alone decides the language.
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for path, expected_lang, switch_to in (
                ("/en/about/leadership/", "en", "/gioi-thieu/lanh-dao-tinh/"),
                ("/gioi-thieu/lanh-dao-tinh/", "vi", "/en/about/leadership/"),
            ):
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                assert page.evaluate("document.documentElement.lang") == expected_lang
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    switcher = page.locator(".language-switcher a:visible")
                    if not switcher.is_visible():
                        failures.append(f"{path} at {viewport['width']} px, {label}: switcher hidden")
                        continue
                    found = page.evaluate(OVERLAPS)
                    if found["hit"]:
                        failures.append(f"{path} at {viewport['width']} px, {label}: switcher overlaps {found['hit']}")
                    if found["shown"] != 1:
                        failures.append(f"{path} at {viewport['width']} px, {label}: {found['shown']} switchers shown")
                    if found["width"] > viewport["width"]:
                        failures.append(f"{path} at {viewport['width']} px, {label}: {found['width']} px wide")
                    if found["switcher"][3] < 24:
                        failures.append(
                            f"{path} at {viewport['width']} px, {label}: switcher {found['switcher'][3]} px tall"
                        )
                    name = "en" if expected_lang == "en" else "vi"
                    page.screenshot(path=str(SCREENS / f"i18n-{name}-{viewport['width']}-{label}.png"), full_page=True)
                set_text_size(page, "")
                page.locator(".language-switcher a:visible").click()
                # Until the new page has loaded: right after the URL changes, the old document
                # may be gone and the new one not there yet (documentElement is null).
                page.wait_for_url(lambda url, to=switch_to: urlsplit(url).path == to, wait_until="load")
                assert page.evaluate("document.documentElement.lang") != expected_lang
            cookies = [cookie["name"] for cookie in context.cookies()]
            assert "django_language" not in cookies, cookies
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_english_menu_opens_on_a_phone(live_server, chromium, english):
    context = chromium.new_context(viewport=VIEWPORTS[0], locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/en/")
        toggle = page.locator(".menu-toggle")
        assert toggle.is_visible() and toggle.inner_text().strip() == "Menu"
        toggle.click()
        wait_until(page, "document.querySelector('#main-menu a[href=\"/en/about/\"]').offsetParent !== null")
        assert page.locator("#main-menu a", has_text="About us").first.is_visible()
    finally:
        context.close()
