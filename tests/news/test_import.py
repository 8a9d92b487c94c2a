"""``vnportal import``: JSON Lines and WordPress WXR (acceptance 6)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from vnportal.news.importing import images as image_module
from vnportal.news.importing.html import html_to_blocks
from vnportal.news.management.commands.import_articles import ImportRefused
from vnportal.news.models import ArticlePage, LegacyPortalSettings, SectionPage


def png_bytes(colour=(200, 30, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def no_network(monkeypatch):
    """URLs cannot be fetched on this machine; tests decide what a download returns."""
    calls = []

    def fetch(url):
        calls.append(url)
        if url.endswith("/ok.png"):
            return png_bytes((10, 120, 10))
        raise OSError("mạng không truy cập được")

    monkeypatch.setattr(image_module, "fetch_url", fetch)
    return calls


def record(**fields):
    base = {
        "title": "Khai mạc kỳ họp thứ mười HĐND tỉnh",
        "lead": "Kỳ họp xem xét nhiều báo cáo quan trọng.",
        "body_html": "<p>Đoạn <strong>một</strong>.</p><script>alert('x')</script><p>Đoạn hai.</p>",
        "signoff": "SH-VP",
        "author": "Minh Châu",
        "section": "Tin tức/Hoạt động",
        "tags": ["HĐND", "kỳ họp"],
        "published_at": "2019-07-10T08:30:00+07:00",
        "views": 1532,
        "images": [],
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def write_jsonl(tmp_path, lines, name="bai-viet.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import_status(path, **options):
    """(stdout, stderr, the ImportRefused raised when something was refused, else None)."""
    out, err, refused = io.StringIO(), io.StringIO(), None
    try:
        call_command("import_articles", str(path), no_progress=True, stdout=out, stderr=err, **options)
    except ImportRefused as exc:
        refused = exc
    return out.getvalue(), err.getvalue(), refused


def run_import(path, **options):
    out, err, _ = run_import_status(path, **options)
    return out, err


@pytest.mark.django_db
def test_jsonl_import_creates_sections_articles_and_carries_views(home, tmp_path, no_network):
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "hoi-nghi.png").write_bytes(png_bytes())
    path = write_jsonl(
        tmp_path,
        [
            record(images=["anh/hoi-nghi.png"]),
            record(title="Tin thứ hai", section="Tin tức", views=7, slug="tin-so-hai", tags=[]),
        ],
    )
    out, err = run_import(path)
    assert "2" in out and err == ""

    news = SectionPage.objects.child_of(home).get(slug="tin-tuc")
    assert news.live and news.show_in_menus
    activities = SectionPage.objects.child_of(news).get(slug="hoat-dong")
    article = ArticlePage.objects.child_of(activities).get()
    assert article.live
    assert article.title == "Khai mạc kỳ họp thứ mười HĐND tỉnh"
    assert article.slug == "khai-mac-ky-hop-thu-muoi-hdnd-tinh"
    assert article.imported_views == 1532
    assert article.author == "Minh Châu" and article.signoff == "SH-VP"
    assert sorted(t.name for t in article.tags.all()) == ["HĐND", "kỳ họp"]
    assert article.display_date.isoformat() == "2019-07-10T01:30:00+00:00"
    assert article.first_published_at == article.display_date
    assert article.hero_image is not None
    body = [block.block_type for block in article.body]
    assert body == ["paragraph"]
    html = article.body[0].value.source
    assert "<script" not in html and "alert" not in html and "<b>một</b>" in html
    second = ArticlePage.objects.get(slug="tin-so-hai")
    assert second.get_parent().specific == news and second.imported_views == 7


@pytest.mark.django_db
def test_reimport_creates_no_duplicates_and_updates_views(home, tmp_path, no_network):
    (tmp_path / "a.png").write_bytes(png_bytes())
    path = write_jsonl(tmp_path, [record(images=["a.png"]), record(title="Bài khác", id=42)])
    run_import(path)
    counts = (ArticlePage.objects.count(), SectionPage.objects.count(), get_image_model().objects.count())
    out, _ = run_import(path)
    assert (ArticlePage.objects.count(), SectionPage.objects.count(), get_image_model().objects.count()) == counts
    assert "0" in out
    # The old portal's counter moved on: a new export updates the carried-over views only.
    write_jsonl(tmp_path, [record(images=["a.png"], views=2000), record(title="Bài khác (sửa tựa)", id=42)])
    run_import(path)
    assert ArticlePage.objects.count() == counts[0]
    assert ArticlePage.objects.get(slug="khai-mac-ky-hop-thu-muoi-hdnd-tinh").imported_views == 2000
    assert ArticlePage.objects.get(import_key="id:42").title == "Bài khác"


@pytest.mark.django_db
def test_malformed_lines_are_reported_with_their_number_and_skipped(home, tmp_path, no_network):
    path = write_jsonl(
        tmp_path,
        [
            record(title="Bài tốt một"),
            '{"title": "Thiếu ngoặc"',
            record(title=""),
            record(title="Ngày sai", published_at="10/07/2019"),
            record(title="Lượt xem âm", views=-3),
            "[1, 2]",
            "",
            record(title="Bài tốt hai"),
        ],
    )
    out, err = run_import(path)
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Bài tốt một", "Bài tốt hai"}
    lines = err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Dòng 2", "Dòng 3", "Dòng 4", "Dòng 5", "Dòng 6"]
    assert "JSON" in lines[0] and "title" in lines[1] and "ISO 8601" in lines[2]
    assert "5" in out  # skipped count


@pytest.mark.django_db
def test_images_from_urls_and_missing_files_fail_gracefully(home, tmp_path, no_network):
    path = write_jsonl(
        tmp_path,
        [
            record(
                images=["https://old.example.vn/anh/ok.png", "https://old.example.vn/anh/mat.jpg", "khong-co.png"],
                body_html=(
                    '<p>Trước ảnh.</p><img src="https://old.example.vn/anh/ok.png" alt="Toàn cảnh hội nghị"><p>Sau.</p>'
                ),
            )
        ],
    )
    out, err = run_import(path)
    article = ArticlePage.objects.get()
    assert article.hero_image is not None
    assert [b.block_type for b in article.body] == ["paragraph", "image", "paragraph"]
    assert article.body[1].value["caption"] == "Toàn cảnh hội nghị"
    assert article.body[1].value["image"] == article.hero_image  # same picture stored once
    assert "mat.jpg" in err and "khong-co.png" in err
    assert no_network.count("https://old.example.vn/anh/ok.png") == 1


@pytest.mark.django_db
def test_a_dead_image_host_is_tried_once_per_import(home, tmp_path, no_network):
    dead = "https://old.example.vn/anh/mat.jpg"
    path = write_jsonl(tmp_path, [record(title=f"Bài {n}", images=[dead]) for n in range(4)])
    out, err = run_import(path)
    assert ArticlePage.objects.count() == 4
    assert no_network.count(dead) == 1
    assert err.count("mat.jpg") == 4  # still reported for every article that lost it


@pytest.mark.django_db
def test_not_an_image_is_skipped(home, tmp_path, no_network):
    (tmp_path / "gia.png").write_text("không phải ảnh")
    run_import(write_jsonl(tmp_path, [record(images=["gia.png"])]))
    assert ArticlePage.objects.get().hero_image is None


def test_html_sanitising_into_blocks():
    blocks = html_to_blocks(
        '<div class="x"><h1>Tiêu đề</h1><p style="color:red" onclick="hack()">Chữ <em>nghiêng</em> '
        '<a href="javascript:alert(1)">xấu</a> <a href="https://vn.example/a" target="_blank">tốt</a></p>'
        '<iframe src="https://evil.example"></iframe>'
        "<table><caption>Số liệu</caption><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr>"
        "<tr><td>GRDP</td><td>8,1%</td></tr></table>"
        "<ul><li>một</li><li>hai</li></ul></div>"
    )
    kinds = [kind for kind, _ in blocks]
    assert kinds == ["paragraph", "table", "paragraph"]
    first = blocks[0][1]
    assert first.startswith("<h2>Tiêu đề</h2>")
    assert "<i>nghiêng</i>" in first and 'href="https://vn.example/a"' in first
    for bad in ("javascript", "onclick", "style=", "class=", "iframe", "target="):
        assert bad not in first
    assert blocks[1][1] == {"caption": "Số liệu", "rows": [["Chỉ tiêu", "Kết quả"], ["GRDP", "8,1%"]], "header": True}
    assert blocks[2][1] == "<ul><li>một</li><li>hai</li></ul>"


def test_plain_wordpress_text_becomes_paragraphs():
    blocks = html_to_blocks("Dòng một\ncùng đoạn\n\nĐoạn hai & ba")
    assert blocks == [("paragraph", "<p>Dòng một<br/>cùng đoạn</p><p>Đoạn hai &amp; ba</p>")]


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Cổng cũ</title>
  <wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>tin-tuc</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Tin tức]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>hoat-dong</wp:category_nicename>
    <wp:category_parent>tin-tuc</wp:category_parent><wp:cat_name><![CDATA[Hoạt động]]></wp:cat_name></wp:category>
  <item>
    <title>Lễ phát động Tết trồng cây</title>
    <dc:creator><![CDATA[Thu Hà]]></dc:creator>
    <content:encoded><![CDATA[Cán bộ và nhân dân hưởng ứng.

Đã trồng <strong>5.000</strong> cây xanh.]]></content:encoded>
    <excerpt:encoded><![CDATA[Sáng nay, tỉnh phát động Tết trồng cây.]]></excerpt:encoded>
    <wp:post_id>101</wp:post_id>
    <wp:post_date><![CDATA[2018-02-20 08:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2018-02-20 01:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[le-phat-dong-tet-trong-cay]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="hoat-dong"><![CDATA[Hoạt động]]></category>
    <category domain="post_tag" nicename="moi-truong"><![CDATA[môi trường]]></category>
    <wp:postmeta><wp:meta_key><![CDATA[post_views_count]]></wp:meta_key><wp:meta_value><![CDATA[845]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[200]]></wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title>Bản nháp không nhập</title>
    <wp:post_id>102</wp:post_id><wp:status>draft</wp:status><wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>Trang giới thiệu</title>
    <wp:post_id>103</wp:post_id><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
  </item>
  <item>
    <title>Ảnh đại diện</title>
    <wp:post_id>200</wp:post_id><wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>https://old.example.vn/wp-content/uploads/ok.png</wp:attachment_url>
  </item>
  <item>
    <title>Bài có ngày hỏng</title>
    <wp:post_id>104</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <wp:post_date>hôm qua</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
  </item>
</channel>
</rss>
"""


@pytest.mark.django_db
def test_wordpress_wxr_import(home, tmp_path, no_network):
    path = tmp_path / "wordpress.xml"
    path.write_text(WXR, encoding="utf-8")
    out, err = run_import(path)
    article = ArticlePage.objects.get()
    assert article.title == "Lễ phát động Tết trồng cây"
    assert article.lead == "Sáng nay, tỉnh phát động Tết trồng cây."
    assert article.get_parent().title == "Hoạt động"
    assert article.get_parent().get_parent().title == "Tin tức"
    assert article.imported_views == 845
    assert article.author == "Thu Hà"
    assert [t.name for t in article.tags.all()] == ["môi trường"]
    assert article.display_date.isoformat() == "2018-02-20T01:00:00+00:00"
    assert article.hero_image is not None
    assert "<b>5.000</b>" in article.body[0].value.source
    assert err.startswith("Bài 104:")
    run_import(path)
    assert ArticlePage.objects.count() == 1


@pytest.mark.django_db
def test_wxr_with_entity_expansion_is_refused(home, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        "<rss><channel><item><title>&b;</title></item></channel></rss>",
        encoding="utf-8",
    )
    out, err = run_import(path)
    assert ArticlePage.objects.count() == 0
    assert "WXR" in err


@pytest.mark.django_db
def test_visits_offset_command_and_option(home, tmp_path, client):
    from django.core.cache import cache

    from vnportal.stats.models import StatsSettings

    assert StatsSettings.for_site(home.get_site()).starting_offset == 0
    call_command("set_visits_offset", "12.345.678", source="https://cu.example.vn", stdout=io.StringIO())
    assert StatsSettings.for_site(home.get_site()).starting_offset == 12_345_678
    assert LegacyPortalSettings.for_site(home.get_site()).source_name == "https://cu.example.vn"
    cache.clear()
    assert client.get("/api/stats/").json()["total"] == 12_345_678  # the statistics' all-time total
    with pytest.raises(CommandError):
        call_command("set_visits_offset", "nhiều", stdout=io.StringIO())
    run_import(write_jsonl(tmp_path, [record()]), visits_offset=99)
    assert StatsSettings.for_site(home.get_site()).starting_offset == 99


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_articles", str(tmp_path / "khong-co.jsonl"))


@pytest.mark.django_db
def test_cli_import_subcommand(tmp_path, monkeypatch, capsys):
    from vnportal import cli

    monkeypatch.setattr(image_module, "fetch_url", lambda url: (_ for _ in ()).throw(OSError("offline")))
    path = write_jsonl(tmp_path, [record(), "không phải json"])
    with pytest.raises(SystemExit) as exit_info:  # a line was refused: the status says so (issue 12)
        cli.main(["import", str(path), "--no-progress", "--visits-offset", "5"])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert "Dòng 2:" in captured.err
    assert ArticlePage.objects.filter(title="Khai mạc kỳ họp thứ mười HĐND tỉnh").exists()
    with pytest.raises(SystemExit):
        cli.main(["import", str(tmp_path / "khong-co.jsonl")])


@pytest.mark.django_db
def test_progress_bar_on_a_terminal(home, tmp_path, monkeypatch, no_network):
    import sys

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    path = write_jsonl(tmp_path, [record(title=f"Bài số {n}") for n in range(3)])
    call_command("import_articles", str(path), stdout=io.StringIO())
    assert "3/3" in terminal.getvalue()
    assert ArticlePage.objects.count() == 3


# --- issue 12, point 8: every bad line reported, the rest imported, non-zero status, bounded memory ---------


@pytest.mark.django_db
def test_undecodable_lines_are_reported_with_their_true_number_and_the_rest_is_imported(home, tmp_path, no_network):
    path = tmp_path / "hon-hop.jsonl"
    lines = [
        record(title="Bài tốt một").encode(),
        b'{"title": "Sai m\xe3 \xff\xfe", "section": "Tin"}',  # Latin-1 bytes: not UTF-8
        b"",
        record(title="Bài tốt hai").encode(),
        "không phải json".encode(),
        b"\xc3\x28",
        record(title="Bài\x08 tốt\x00 ba\x1b", lead="Sapo\x07 có ký tự điều khiển").encode(),
    ]
    path.write_bytes(b"\n".join(lines))  # no newline at the end of the last line
    out, err, refused = run_import_status(path)
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Bài tốt một", "Bài tốt hai", "Bài tốt ba"}
    assert ArticlePage.objects.get(title="Bài tốt ba").lead == "Sapo có ký tự điều khiển"
    messages = err.strip().splitlines()
    assert [line.split(":")[0] for line in messages] == ["Dòng 2", "Dòng 5", "Dòng 6"]
    assert "UTF-8" in messages[0] and "JSON" in messages[1] and "UTF-8" in messages[2]
    assert refused is not None and refused.returncode == 2
    assert "3" in out  # three skipped


@pytest.mark.django_db
def test_a_line_over_the_limit_is_refused_without_being_read_whole(home, tmp_path, no_network):
    import tracemalloc

    from vnportal.news.importing import sources

    path = tmp_path / "dong-dai.jsonl"
    huge = record(title="Bài khổng lồ", body_html="<p>" + "x" * (12 * 1024 * 1024) + "</p>")
    path.write_text("\n".join([record(title="Bài trước"), huge, record(title="Bài sau")]) + "\n", encoding="utf-8")
    assert path.stat().st_size > 12 * 1024 * 1024

    tracemalloc.start()
    try:
        seen = [(number, type(item).__name__) for number, item in sources.read_jsonl(path, 1024 * 1024)]
        assert sources.count_lines(path, 1024 * 1024) == 3
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == [(1, "dict"), (2, "InvalidItem"), (3, "dict")]
    # A 12 MB line, a 1 MB limit: the reader never holds more than about a chunk and one allowed line.
    assert peak < 2 * 1024 * 1024, peak

    out, err, refused = run_import_status(path, max_line_mb=1)
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Bài trước", "Bài sau"}
    assert err.startswith("Dòng 2:") and "quá dài" in err
    assert refused is not None and refused.returncode == 2
    # The default limit (8 MB, docs/import.md) refuses it as well.
    _, err, refused = run_import_status(path)
    assert err.startswith("Dòng 2:") and refused is not None


@pytest.mark.django_db
def test_a_clean_import_exits_zero_and_a_refused_wxr_file_does_not(home, tmp_path, monkeypatch, no_network):
    from vnportal import cli

    good = write_jsonl(tmp_path, [record(title="Bài duy nhất")])
    cli.main(["import", str(good), "--no-progress"])  # no SystemExit: status 0
    broken = tmp_path / "hong.xml"
    broken.write_text('<?xml version="1.0"?><rss><channel><item><title>Dở dang', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["import", str(broken), "--no-progress"])
    assert exit_info.value.code == 2
    _, err, refused = run_import_status(broken)
    assert "WXR" in err and refused is not None


def test_a_wxr_export_is_streamed_one_item_at_a_time(tmp_path):
    import tracemalloc

    from vnportal.news.importing import sources

    post = (
        "<item><title>Bài {n}</title><wp:post_id>{n}</wp:post_id><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type><wp:post_date>2018-02-20 08:00:00</wp:post_date>"
        "<content:encoded><![CDATA[<p>" + "chữ " * 1500 + "</p>]]></content:encoded>"
        '<category domain="category" nicename="tin-tuc"><![CDATA[Tin tức]]></category></item>'
    )
    head, tail = WXR.split("<item>", 1)[0], "</channel>\n</rss>\n"
    path = tmp_path / "lon.xml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head)
        for n in range(1, 601):
            handle.write(post.format(n=n))
        handle.write(tail)
    assert path.stat().st_size > 5 * 1024 * 1024
    tracemalloc.start()
    try:
        count = 0
        for _post_id, item in sources.wxr_items(path):
            assert isinstance(item, dict), item
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 600
    # A 5 MB export read whole would hold all of it (and more, as elements); streamed, about one item.
    assert peak < 2 * 1024 * 1024, peak
