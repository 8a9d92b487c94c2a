"""The admin speaks Vietnamese to every role (issue 13, point 5).

Each main admin screen is rendered as a reporter, an editor, an approving leader and an
administrator; its visible text (text nodes, plus the labels people read: title,
placeholder, aria-label, alt) must contain none of the English words a review found,
and every message the screen asked gettext for must have come back translated.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from vnportal.library.models import Document
from vnportal.news.roles import ADMIN, EDITOR, LEADER, REPORTER, grant_section_role

ENGLISH = [
    "Password",
    "Root",
    "Wagtail",
    "True",
    "False",
    "live",
    "Live",
    "Choose",
    "Moderators",
    "Editors",
    "approval",
    "comma-separated",
    "Bot",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Settings",
    "Users",
    "Groups",
    "Workflows",
    "Search",
    "Help",
    "Edit",
    "Delete",
    "Add",
    "Save",
    "Publish",
    "Submit",
    "Cancel",
    "Sign out",
    "Account",
    "localhost",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")
# Strings that are Vietnamese-proof by nature: no letters, or code/format names.
NOT_TEXT = re.compile(r"^[\W\d_]*$|^%\(\w+\)s$")


def glued(text):
    """Two words run together: "Tên đăng nhậpcủa bạn" (a lower-case letter, then a Vietnamese
    syllable's first letter with no space) is caught as "nhậpcủa" having a toned vowel
    after a final consonant cluster; simpler and sufficient: known glue seams."""
    return any(seam in text for seam in GLUE_SEAMS)


# Where a translated placeholder meets the surrounding text without a space.
GLUE_SEAMS = ("nhậpcủa", "chuẩnvà", "Tên đăng nhậpcủa", "bảnvà")


class VisibleText(HTMLParser):
    SKIP = {"script", "style", "template", "noscript", "svg"}
    ATTRS = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        for name, value in attrs:
            if name in self.ATTRS and value:
                self.parts.append(value)
        if tag == "input":
            attrs = dict(attrs)
            if attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


@pytest.fixture
def untranslated(monkeypatch):
    """Every msgid asked for during the test that came back as itself (not translated)."""
    seen = set()
    trans = translation._trans
    originals = {name: getattr(trans, name) for name in ("gettext", "ngettext", "pgettext", "npgettext")}

    def record(message, result):
        if result == message and not NOT_TEXT.match(message) and re.search(r"[A-Za-z]{2}", message):
            seen.add(message)

    def gettext(message):
        result = originals["gettext"](message)
        record(message, result)
        return result

    def pgettext(context, message):
        result = originals["pgettext"](context, message)
        record(message, result)
        return result

    def ngettext(singular, plural, number):
        result = originals["ngettext"](singular, plural, number)
        record(singular if number == 1 else plural, result)
        return result

    def npgettext(context, singular, plural, number):
        result = originals["npgettext"](context, singular, plural, number)
        record(singular if number == 1 else plural, result)
        return result

    for name, func in (("gettext", gettext), ("pgettext", pgettext), ("ngettext", ngettext), ("npgettext", npgettext)):
        monkeypatch.setattr(trans, name, func)
    return seen


@pytest.fixture
def newsroom(make_section, make_article):
    User = get_user_model()
    economy = make_section("Kinh tế - Xã hội")
    article = make_article("Nghị quyết số 57-NQ/TW về đột phá khoa học", parent=economy)
    reporter = grant_section_role(User.objects.create_user("phongvien", "pv@example.vn", "x"), REPORTER, economy)
    editor = grant_section_role(User.objects.create_user("bientap", "bt@example.vn", "x"), EDITOR, economy)
    leader = User.objects.create_user("lanhdao", "ld@example.vn", "x")
    leader.groups.add(Group.objects.get(name=LEADER))
    admin = User.objects.create_user("quantri", "qt@example.vn", "x")
    admin.groups.add(Group.objects.get(name=ADMIN))
    # The Quản trị group has no rights on the library or the statistics: a superuser sees those screens.
    superuser = User.objects.create_superuser("sieuquantri", "sqt@example.vn", "x")
    return {
        "section": economy,
        "article": article,
        "users": {"reporter": reporter, "editor": editor, "approver": leader, "admin": admin, "superuser": superuser},
    }


def screens(newsroom, home):
    section, article = newsroom["section"], newsroom["article"]
    document_list = "/quan-tri/snippets/library/document/"
    return {
        "dashboard": "/quan-tri/",
        "page explorer": f"/quan-tri/pages/{section.pk}/",
        "page explorer (home)": f"/quan-tri/pages/{home.pk}/",
        "page edit": f"/quan-tri/pages/{article.pk}/edit/",
        "page create": f"/quan-tri/pages/add/news/articlepage/{section.pk}/",
        "section create": f"/quan-tri/pages/add/news/sectionpage/{section.pk}/",
        "page type choice": f"/quan-tri/pages/{section.pk}/add_subpage/",
        "images": "/quan-tri/images/",
        "documents": "/quan-tri/documents/",
        "library documents": document_list,
        "library document create": document_list + "add/",
        "snippets": "/quan-tri/snippets/",
        "users": "/quan-tri/users/",
        "groups": "/quan-tri/groups/",
        "workflows": "/quan-tri/workflows/list/",
        "workflow tasks": "/quan-tri/workflows/tasks/index/",
        "reports: locked pages": "/quan-tri/reports/locked/",
        "reports: workflow": "/quan-tri/reports/workflow/",
        "reports: site history": "/quan-tri/reports/site-history/",
        "stats dashboard": "/quan-tri/thong-ke/",
        "ratings dashboard": "/quan-tri/thong-ke/danh-gia/",
        "editorial report": "/quan-tri/bao-cao/bien-tap/",
        "editorial report (bad range)": "/quan-tri/bao-cao/bien-tap/?start=31%2F02%2F2026&end=x",
        "account": "/quan-tri/account/",
        "account: password": "/quan-tri/account/change_password/",
        "user create": "/quan-tri/users/add/",
        "search": "/quan-tri/pages/search/?q=ngh%E1%BB%8B",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "editor", "approver", "admin", "superuser"])
def test_admin_screens_are_vietnamese(client, newsroom, home, untranslated, role):
    assert Document is not None  # the library is installed: its list is one of the screens
    client.force_login(newsroom["users"][role])
    problems = []
    rendered = 0
    for name, url in screens(newsroom, home).items():
        response = client.get(url, follow=True)
        if response.status_code in (403, 404) or "text/html" not in response.get("Content-Type", ""):
            continue  # this role may not see the screen: nothing is shown to it
        assert response.status_code == 200, (name, url, response.status_code)
        if response.redirect_chain:
            continue  # sent elsewhere (the dashboard, with "no permission"): checked as that screen
        rendered += 1
        print(role, "renders", name)
        for text in visible_text(response.content.decode()):
            for word in ENGLISH_RE.findall(text):
                problems.append(f"{name}: English {word!r} in {text[:120]!r}")
            if glued(text):
                problems.append(f"{name}: missing space in {text[:120]!r}")
    assert rendered >= 8, f"only {rendered} screens rendered for {role}"
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))


def test_login_screen_is_vietnamese(client, db, untranslated):
    problems = []
    response = client.get("/quan-tri/login/")
    for text in visible_text(response.content.decode()):
        problems += [f"English {word!r} in {text!r}" for word in ENGLISH_RE.findall(text)]
        if glued(text):
            problems.append(f"missing space in {text!r}")
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(problems)


def test_title_has_the_portal_name_not_wagtail(client, db):
    response = client.get("/quan-tri/login/")
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Wagtail" not in title and "Cổng thông tin điện tử" in title
    assert "Đăng nhập vào Cổng thông tin điện tử" in html


@pytest.mark.django_db
def test_wagtail_default_groups_and_workflow_are_gone():
    from wagtail.models import Task, Workflow

    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Moderators", "Editors"}
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


@pytest.mark.django_db
def test_replacing_the_defaults_keeps_what_is_in_use(home):
    """On an existing database: a default group with members is renamed, not deleted."""
    import importlib

    from django.apps import apps
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    migration = importlib.import_module("vnportal.news.migrations.0007_vietnamese_admin_defaults")
    used = Group.objects.create(name="Moderators")
    get_user_model().objects.create_user("cu", "cu@example.vn", "x").groups.add(used)
    Group.objects.create(name="Editors")
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    migration.replace_defaults(apps, None)

    assert Group.objects.get(pk=used.pk).name == migration.OLD_GROUPS["Moderators"]
    assert not Group.objects.filter(name="Editors").exists()
    assert not Workflow.objects.filter(pk=workflow.pk).exists()  # never used: deleted with its task
    assert not GroupApprovalTask.objects.filter(pk=task.pk).exists()
    assert home.get_workflow().name == "Quy trình duyệt tin bài"
    assert get_user_model().objects.get(username="cu").groups.count() == 1
