"""Vietnamese everywhere: our catalog is complete and compiled, and the Wagtail admin is covered."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "vnportal"
CATALOGS = sorted(PACKAGE.glob("locale*/vi/LC_MESSAGES/*.po"))


def test_there_are_catalogs():
    assert {p.parent.parent.parent.name for p in CATALOGS} == {"locale", "locale_wagtail"}


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalog_is_complete_and_compiled(po_path):
    catalog = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in catalog if not e.obsolete and not (e.msgstr or any(e.msgstr_plural.values()))]
    fuzzy = [e.msgid for e in catalog if "fuzzy" in e.flags]
    assert untranslated == [] and fuzzy == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    as_compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in compiled}
    as_source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in catalog if not e.obsolete}
    assert as_compiled == as_source, "the .mo file is stale: run `make messages`"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_every_source_string_is_in_the_catalog(tmp_path):
    """Run makemessages on a copy of the package: it must find no string missing from our catalog."""
    copy = tmp_path / "vnportal"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "locale_wagtail"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "vnportal.settings.test", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    ours = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PACKAGE / "locale/vi/LC_MESSAGES/django.po"))}
    found = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))}
    assert found - ours == set(), "strings missing from the catalog: run `make messages` and translate them"


def test_wagtail_admin_is_at_least_95_percent_vietnamese():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import wagtail_catalog
    finally:
        sys.path.pop(0)
    totals = wagtail_catalog.coverage()
    done = sum(d for d, _ in totals.values())
    total = sum(t for _, t in totals.values())
    assert total > 1500, "Wagtail's English catalogs were not found"
    assert done / total >= 0.95, f"Wagtail admin coverage is {done / total:.1%}"


def test_gettext_answers_in_vietnamese_at_runtime():
    with translation.override("vi"):
        # One of ours, one Wagtail ships, one only our Wagtail fill-in catalog has.
        assert translation.gettext("Back to top") == "Về đầu trang"
        assert translation.gettext("Pages") != "Pages"
        assert translation.gettext("Skip to main content") == "Bỏ qua, đến nội dung chính"
        assert translation.gettext("Usage count") not in ("", "Usage count")


# Wagtail words we translate differently on purpose: its Vietnamese has typos ("Bảnh"),
# wrong senses ("Đính Kèm File" for Embed) or untranslated words ("Username").
INTENDED_OVERRIDES = {
    "Table",
    "Table caption",
    "Embed",
    "Home",
    "created at",
    "choices",
    "Reset your password",
    "Username",
    "Skip to main content",
    "Sidebar",
    "Tags",
    "tags",  # one word for tags, "từ khóa", in the admin as on the public site (issue 13)
    "Cancel",
    "Previous",
    "Next",
}


def test_our_catalog_does_not_change_wagtail_admin_words():
    """LOCALE_PATHS wins over Wagtail's catalogs: reusing a Wagtail msgid with another
    meaning (e.g. "Pages" as pagination) would rename the admin's menu. Use our own msgid,
    or list a deliberate improvement in INTENDED_OVERRIDES."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import wagtail_catalog
    finally:
        sys.path.pop(0)
    wagtail = {
        (ctx, msgid): e.msgstr or e.msgstr_plural.get(0)
        for (domain, ctx, msgid), e in wagtail_catalog.known_translations().items()
        if domain == "django"
    }
    ours = polib.pofile(str(PACKAGE / "locale/vi/LC_MESSAGES/django.po"))
    clashes = [
        (e.msgid, e.msgstr, wagtail[(e.msgctxt, e.msgid)])
        for e in ours
        if (e.msgctxt, e.msgid) in wagtail
        and (e.msgstr or e.msgstr_plural.get(0)) != wagtail[(e.msgctxt, e.msgid)]
        and e.msgid not in INTENDED_OVERRIDES
    ]
    assert clashes == []
