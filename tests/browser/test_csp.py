"""Issue 12, point 11: the Content-Security-Policy is enforced and nothing the portal draws
breaks it — public pages and the admin's page editor, in Chromium, with every violation
the browser reports recorded (``securitypolicyviolation`` events and console errors)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before any page script (through the DevTools protocol, so the policy does not block it).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " @" + e.sourceFile + ":" + e.lineNumber
  );
});
"""


@pytest.fixture
def content(make_section, make_article):
    from tests.support.documents import make_document
    from vnportal.polls.models import Choice, Poll

    section = make_section("Xây dựng Đảng")
    article = make_article(
        "Nâng cao chất lượng sinh hoạt chi bộ",
        parent=section,
        tags=["chi bộ"],
        body=[("paragraph", "<p>Đoạn văn đầu tiên của bài.</p>")],
    )
    make_document()
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn thấy cổng thông tin thế nào?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
        results_visibility=Poll.Visibility.ALWAYS,
    )
    for order, text in enumerate(("Tốt", "Bình thường")):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    return {"section": section, "article": article, "poll": poll}


@pytest.fixture
def recording_page(chromium):
    context = chromium.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.csp_console = console
    yield page
    context.close()


def visit(page, url):
    response = page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(200)  # late violations (a script that sets an inline handler on load)
    violations = page.evaluate("window.__cspViolations") + page.csp_console
    page.csp_console.clear()
    return response, violations


def test_public_pages_run_under_the_policy_without_a_violation(live_server, recording_page, content):
    page = recording_page
    base = live_server.url
    urls = [
        "/",
        content["section"].url,
        content["article"].url,
        content["article"].url + "in/",
        "/tim-kiem/?q=chi+b%E1%BB%99",
        "/van-ban/?q=57-NQ",
        "/binh-chon/",
        f"/binh-chon/{content['poll'].pk}/",
        "/the/chi-bo/",
        "/so-do-cong/",
        "/thanh-vien/dang-nhap/",
        "/thanh-vien/dang-ky/",
        "/khong-co-trang-nay/",
    ]
    problems = {}
    for url in urls:
        response, violations = visit(page, base + url)
        policy = response.headers.get("content-security-policy", "")
        script_src = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
        if not policy or "unsafe-inline" in script_src or "unsafe-eval" in script_src:
            problems[url] = f"policy: {policy!r}"
        if violations:
            problems[url] = violations
        # The page's own scripts ran (they are static files the policy allows): no-js became js.
        assert not page.evaluate("document.documentElement.classList.contains('no-js')"), url
    assert not problems, problems

    # The scripts work under the policy: the text size buttons, the poll block's vote.
    page.goto(base + content["article"].url, wait_until="networkidle")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert page.evaluate("document.documentElement.dataset.textSize") == "large"
    page.goto(base + f"/binh-chon/{content['poll'].pk}/", wait_until="networkidle")
    page.locator("main").get_by_label("Tốt").check()
    page.locator("main").get_by_role("button", name="Bình chọn").click()
    page.locator("main").get_by_text("1 người đã bình chọn").wait_for()
    assert not (page.evaluate("window.__cspViolations") + page.csp_console)

    # An inline script that slipped into a page would be refused: the policy really is enforced.
    page.goto(base + "/", wait_until="networkidle")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))


def test_admin_page_editor_runs_under_the_admin_policy(live_server, recording_page, content):
    get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-thu")
    page = recording_page
    base = live_server.url
    _, violations = visit(page, base + "/quan-tri/login/")
    assert not violations
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    article, section = content["article"], content["section"]
    problems = {}
    for url in [
        "/quan-tri/",
        f"/quan-tri/pages/{article.pk}/edit/",
        f"/quan-tri/pages/add/news/articlepage/{section.pk}/",
        f"/quan-tri/pages/{section.pk}/",
        "/quan-tri/images/",
        "/django-admin/",
    ]:
        response, violations = visit(page, base + url)
        assert response.status == 200, url
        assert "content-security-policy" in response.headers, url
        if violations:
            problems[url] = violations
    # The editor works: the body's StreamField is drawn by its script, typing a title fills the slug.
    page.goto(base + f"/quan-tri/pages/add/news/articlepage/{section.pk}/", wait_until="networkidle")
    page.locator("#id_title").press_sequentially("Đại hội Đảng bộ")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("dai-hoi-dang-bo")
    assert page.locator("[data-streamfield-stream-container]").first.is_visible()
    late = page.evaluate("window.__cspViolations") + page.csp_console
    if late:
        problems["editor"] = late
    assert not problems, problems

    # The editor's userbar on a public page, for a signed-in editor, keeps to the public policy.
    _, violations = visit(page, base + article.url)
    assert page.locator("#wagtail-userbar-template, wagtail-userbar").count() >= 1  # the userbar is there
    assert not violations, violations
