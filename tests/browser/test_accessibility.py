"""axe-core in Chromium: no serious or critical violation on the public pages (acceptance 7)."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone

BLOCKING = {"serious", "critical"}


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def content(make_section, make_article):
    from wagtail.images import get_image_model

    from vnportal.news.demo.images import landscape_png
    from vnportal.news.models import ArticlePage, RelatedArticle

    image = get_image_model().objects.create(
        title="Ảnh minh họa",
        file=ImageFile(io.BytesIO(landscape_png(3, (165, 15, 21), size=(600, 375))), name="a11y.png"),
    )
    economy = make_section("Kinh tế - Xã hội", intro="Sản xuất, đầu tư và đời sống nhân dân.", page_size=4)
    make_section("Nông nghiệp", parent=economy)
    party = make_section("Xây dựng Đảng")
    base = timezone.now() - datetime.timedelta(days=3)
    articles = []
    for n in range(14):
        articles.append(
            make_article(
                f"Tin kinh tế số {n + 1}: tăng trưởng và đầu tư",
                parent=economy if n % 2 else party,
                hero_image=image,
                hero_caption="Ảnh minh họa",
                kicker="Kinh tế" if n == 0 else "",
                featured=(n == 0),
                display_date=base + datetime.timedelta(hours=n),
                author="Thu Hà",
                signoff="SH-BTG",
                tags=["kinh tế", "đầu tư"] if n % 3 else ["đầu tư"],
                body=[
                    ("paragraph", '<p>Đoạn văn với <b>chữ đậm</b> và <a href="https://example.vn">liên kết</a>.</p>'),
                    ("quote", {"text": "Trích dẫn phát biểu.", "attribution": "Lãnh đạo tỉnh"}),
                ],
            )
        )
    subject = ArticlePage.objects.get(pk=articles[-1].pk)
    RelatedArticle.objects.create(page=subject, article=articles[0], sort_order=0)
    return {"economy": economy, "article": subject}


def _violations(page, axe):
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_serious_or_critical_violations(live_server, browser_page, axe, content):
    pages = {
        "home": "/",
        "section": content["economy"].url,
        "section page 2": content["economy"].url + "?trang=2",
        "article": content["article"].url,
        "tag": "/the/dau-tu/",
        "site map": "/so-do-cong/",
        "print": content["article"].url + "in/",
    }
    report = {}
    for name, path in pages.items():
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        found = _violations(browser_page, axe)
        if found:
            report[name] = found
    assert report == {}

    # The harness is not blind: an image without alt text and an unlabeled button are caught.
    # (Kept in the same test: each live-server test empties the database when it ends.)
    browser_page.goto(live_server.url + "/")
    browser_page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<img src="/static/vnportal/img/emblem.svg"><button type="button"></button>\')'
    )
    found = " ".join(_violations(browser_page, axe))
    assert "image-alt" in found and "button-name" in found
