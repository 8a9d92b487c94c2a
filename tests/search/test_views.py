import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return response


def test_empty_query_gets_a_clear_message(client):
    assert "Vui lòng nhập từ hoặc cụm từ cần tìm." in get(client, q="").content.decode()
    assert "Vui lòng nhập từ hoặc cụm từ cần tìm." in get(client, q=" !!! ").content.decode()
    assert get(client).context["page_obj"] is None  # the bare page shows only the form


def test_no_result_message(client, article):
    html = get(client, q="xyzzy").content.decode()
    assert "Không tìm thấy kết quả nào cho “xyzzy”." in html


def test_results_show_date_section_and_highlighted_snippet(client, make_article):
    make_article(
        "Khai mạc lễ hội đền Hùng",
        lead="Sáng nay, lễ hội Đền Hùng năm Giáp Thìn chính thức khai mạc với nhiều hoạt động.",
        display_date=timezone.make_aware(datetime.datetime(2024, 4, 15, 8, 0)),
    )
    html = get(client, q="den hung").content.decode()
    assert "<mark>Đền Hùng</mark>" in html
    assert "<mark>đền Hùng</mark>" in html  # in the title
    assert "15/04/2024" in html
    assert "Tin tức - Sự kiện" in html
    assert "1 kết quả" in html


def test_snippet_escapes_html(client, make_article):
    make_article("Bài có ký tự đặc biệt", lead="<script>alert(1)</script> an ninh")
    html = get(client, q="an ninh").content.decode()
    assert "<script>alert(1)</script>" not in html
    from vnportal.search.snippets import highlight

    assert (
        highlight("<b>An ninh</b> & trật tự", ["an", "ninh"]) == "&lt;b&gt;<mark>An ninh</mark>&lt;/b&gt; &amp; trật tự"
    )


def test_pagination_keeps_the_query(client, make_article):
    for number in range(12):
        make_article(f"Hội nghị số {number}", display_date=timezone.now() - datetime.timedelta(days=number))
    first = get(client, q="hoi nghi")
    assert len(first.context["page_obj"].object_list) == 10
    assert "q=hoi+nghi&amp;trang=2" in first.content.decode()
    second = get(client, q="hoi nghi", trang=2)
    assert len(second.context["page_obj"].object_list) == 2
    assert get(client, q="hoi nghi", trang=99).context["page_obj"].number == 2
    assert get(client, q="hoi nghi", trang="x").context["page_obj"].number == 1


def test_filters_in_the_form(client, make_article, make_section, make_document):
    economy = make_section("Kinh tế")
    make_article("Thu hút đầu tư", parent=economy, display_date=timezone.make_aware(datetime.datetime(2024, 5, 1)))
    make_article("Đầu tư công", display_date=timezone.make_aware(datetime.datetime(2023, 5, 1)))
    make_document("10/QĐ-UBND", "Về đầu tư hạ tầng", issued_on=datetime.date(2022, 1, 1))

    def found(**params):
        return [e.title for e in get(client, q="dau tu", **params).context["page_obj"].object_list]

    assert len(found()) == 3
    assert found(section=economy.pk) == ["Thu hút đầu tư"]
    assert found(kind="document") == ["Nghị quyết 10/QĐ-UBND: Về đầu tư hạ tầng"]
    assert found(date_from="2024-05-01", date_to="2024-05-01") == ["Thu hút đầu tư"]
    assert len(found(date_from="2099-01-01")) == 0


def test_invalid_filters_are_reported_not_fatal(client, article):
    response = get(client, q="dai hoi", date_from="2024-13-45", section="abc", kind="nope")
    assert response.context["page_obj"].paginator.count == 1
    response = get(client, q="dai hoi", date_from="2024-05-02", date_to="2024-05-01")
    assert "Ngày bắt đầu không được sau ngày kết thúc." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "' OR 1=1 --",
        "NEAR(a b)",
        "a* OR {title}:x",
        "%_\\",
        "x" * 5000,
        "đ" * 200 + " " + "a " * 300,
        "\u0301\u0300",
        "🇻🇳 ️",
    ],
)
def test_hostile_queries_never_error(client, article, query):
    get(client, q=query)
