"""The news page tree, its rendering and the demo content."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from vnportal.news.models import ArticlePage, HomePage, SectionPage

pytestmark = pytest.mark.django_db


def test_install_starts_with_a_vietnamese_home_page(site):
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Trang chủ"
    assert Locale.get_default().language_code == "vi"
    assert not Page.objects.filter(title__icontains="Welcome").exists()


def test_slug_from_vietnamese_title(make_article):
    article = make_article("Đại hội Đảng bộ tỉnh lần thứ XVII")
    assert article.slug == "dai-hoi-dang-bo-tinh-lan-thu-xvii"
    again = make_article("Đại hội Đảng bộ tỉnh lần thứ XVII")
    assert again.slug == "dai-hoi-dang-bo-tinh-lan-thu-xvii-2"


def test_title_is_stored_in_nfc(make_article):
    import unicodedata

    article = make_article(unicodedata.normalize("NFD", "Tỉnh ủy  Sơn Hà"))
    assert article.title == "Tỉnh ủy Sơn Hà"


def test_page_type_rules(home, section):
    assert ArticlePage.can_create_at(section)
    assert not ArticlePage.can_create_at(home)
    assert SectionPage.can_create_at(section)  # sections nest
    assert not HomePage.can_create_at(home)


def test_article_requires_a_lead(section):
    article = ArticlePage(title="Không có sapo", lead="")
    article.path, article.depth = section.path + "0009", section.depth + 1
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "lead" in error.value.message_dict


def test_article_page_shows_everything(client, make_article, section):
    child = SectionPage(title="Hoạt động của Tỉnh ủy")
    section.add_child(instance=child)
    child.save_revision().publish()
    article = make_article(
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
        parent=child,
        kicker="Tin nóng",
        lead="Hội nghị bàn về chương trình làm việc toàn khóa.",
        signoff="HY-VPTU",
        author="Minh Châu",
        display_date=timezone.make_aware(datetime.datetime(2020, 11, 13, 15, 30)),
        body=[
            ("paragraph", "<p>Nội dung <b>chính</b> của bài.</p>"),
            ("quote", {"text": "Lời phát biểu.", "attribution": "Bí thư Tỉnh ủy"}),
            (
                "table",
                {
                    "caption": "Chỉ tiêu",
                    "table": {
                        "data": [["Chỉ tiêu", "Kết quả"], ["Tăng trưởng", "8,1%"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
        ],
        tags=["Đại hội Đảng"],
    )
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
        "Tin nóng",
        "Hội nghị bàn về chương trình làm việc toàn khóa.",
        "Thứ Sáu, 13/11/2020 15:30",
        "HY-VPTU",
        "Minh Châu",
        "Nội dung <b>chính</b>",
        "Lời phát biểu.",
        "Bí thư Tỉnh ủy",
        "<th",
        "Tăng trưởng",
        "Đại hội Đảng",
        "Về đầu trang",
        "In bài",
        'data-slot="view-count"',
        "facebook.com/sharer",
        'href="#top"',
    ):
        assert expected in html, expected
    # Breadcrumbs: home, section, sub-section.
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Trang chủ" in crumbs and "Tin tức - Sự kiện" in crumbs and "Hoạt động của Tỉnh ủy" in crumbs
    assert '<html lang="vi"' in html


def test_draft_is_not_served(client, make_article):
    draft = make_article("Bản nháp chưa duyệt", publish=False)
    assert client.get(draft.url or "/tin-tuc-su-kien/ban-nhap-chua-duyet/").status_code == 404


def test_section_lists_articles_newest_first_with_pagination(client, make_article, section):
    section.page_size = 2
    section.save_revision().publish()
    base = timezone.make_aware(datetime.datetime(2024, 1, 1, 8, 0))
    for day in range(5):
        make_article(f"Bài số {day}", display_date=base + datetime.timedelta(days=day))
    first = client.get(section.url).content.decode()
    assert first.index("Bài số 4") < first.index("Bài số 3")
    assert "Bài số 2" not in first and "Trang 1/3" in first
    third = client.get(section.url + "?trang=3").content.decode()
    assert "Bài số 0" in third
    assert client.get(section.url + "?trang=abc").status_code == 200
    assert client.get(section.url + "?trang=999").status_code == 200


def test_home_page_layout(client, make_article, site):
    make_article("Tin nổi bật của tuần", featured=True)
    make_article("Tin thường")
    from vnportal.core.models import SiteSettings

    settings = SiteSettings.for_site(site)
    settings.agency_name = "Cổng thông tin điện tử Đảng bộ tỉnh Thử Nghiệm"
    settings.responsible_person = "Chịu trách nhiệm chính: Bà Lê Thị B"
    settings.address = "Số 1 đường Thử"
    settings.phone = "0200 123 456"
    settings.email = "lienhe@thu.example.vn"
    settings.save()
    html = client.get("/").content.decode()
    for expected in (
        "Cổng thông tin điện tử Đảng bộ tỉnh Thử Nghiệm",
        "Tin nổi bật của tuần",
        "Tin thường",
        "Chịu trách nhiệm chính: Bà Lê Thị B",
        "Số 1 đường Thử",
        "0200 123 456",
        "lienhe@thu.example.vn",
        "Bỏ qua, đến nội dung chính",
        'id="main"',
        "<nav",
        "<aside",
        "<footer",
        "A+",
        "A-",
        "Sơ đồ cổng",
        ">Trang chủ<",
        "Tin tức - Sự kiện",
    ):
        assert expected in html, expected
    # The featured story is not repeated: not in the latest list, not in its section block (issue 13).
    assert html.count(">Tin nổi bật của tuần<") == 1


def test_site_map_page(client, section, make_section):
    make_section("Chuyên mục con", parent=section)
    html = client.get("/so-do-cong/").content.decode()
    assert "Sơ đồ cổng" in html and "Tin tức - Sự kiện" in html and "Chuyên mục con" in html


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_home_page_back():
    from wagtail.models import Collection, Site

    call_command("flush", interactive=False, verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Locale.get_default().language_code == "vi"
    assert Collection.objects.filter(depth=1).exists()
