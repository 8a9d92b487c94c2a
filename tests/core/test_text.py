import datetime
import unicodedata
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from vnportal.core import text

VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩị"
            "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ÐƉ-_/.,:;!?0123456789\u0300\u0301\u0309\u0303\u0323"
        )
    ),
    max_size=80,
)


def test_nfc_joins_decomposed_and_maps_lookalikes():
    decomposed = unicodedata.normalize("NFD", "Tỉnh ủy")
    assert decomposed != "Tỉnh ủy"
    assert text.nfc(decomposed) == "Tỉnh ủy"
    assert text.nfc("\u00d0ảng bộ") == "Đảng bộ"
    assert text.nfc("\u0189ảng") == "Đảng"
    assert text.nfc(None) == ""


def test_fold_strips_marks_and_d():
    assert text.fold("Đảng bộ Tỉnh uỷ") == "dang bo tinh uy"
    assert text.fold("Tỉnh uỷ") == text.fold("Tỉnh ủy")
    assert text.fold("hoà") == text.fold("hòa") == "hoa"
    assert text.fold(unicodedata.normalize("NFD", "Quyết định")) == "quyet dinh"
    assert text.fold("ÐẠI HỘI") == "dai hoi"
    assert text.fold("") == ""


def test_slugify_examples():
    assert text.slugify("Đại hội Đảng bộ tỉnh lần thứ XVII") == "dai-hoi-dang-bo-tinh-lan-thu-xvii"
    assert text.slugify("  Kinh tế - Xã hội  ") == "kinh-te-xa-hoi"
    # Issue 13: separators inside document numbers and figures stay hyphens.
    assert text.slugify("Nghị quyết 57-NQ/TW") == "nghi-quyet-57-nq-tw"
    assert text.slugify("Tăng trưởng 8,1%") == "tang-truong-8-1"
    assert text.slugify("Москва") == "moskva"
    assert text.slugify("!!!") == ""
    assert len(text.slugify("a " * 500)) <= 255


@given(VIETNAMESE)
def test_fold_is_idempotent(value):
    once = text.fold(value)
    assert text.fold(once) == once


@given(VIETNAMESE)
def test_fold_leaves_no_vietnamese_marks(value):
    folded = text.fold(value)
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))


@given(st.text(max_size=120))
def test_slugs_are_ascii_slug_characters(value):
    slug = text.slugify(value)
    assert all(ch in "abcdefghijklmnopqrstuvwxyz0123456789-" for ch in slug)
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug


@given(VIETNAMESE)
def test_nfc_and_nfd_input_give_the_same_slug(value):
    assert text.slugify(unicodedata.normalize("NFD", value)) == text.slugify(unicodedata.normalize("NFC", value))


def test_slugify_keeps_document_number_separators():
    assert text.slugify("Nghị quyết số 57-NQ/TW về đột phá khoa học") == "nghi-quyet-so-57-nq-tw-ve-dot-pha-khoa-hoc"
    assert text.slugify("Quyết định 42/2022/NĐ-CP") == "quyet-dinh-42-2022-nd-cp"
    assert text.slugify("Công văn 1234/UBND-VX ngày 05.01.2020") == "cong-van-1234-ubnd-vx-ngay-05-01-2020"
    assert text.slugify("“Bình dân học vụ số”") == "binh-dan-hoc-vu-so"
    assert text.slugify("Đảng’s") == "dangs"


def test_article_datetime_in_vietnam_time():
    friday = datetime.datetime(2020, 11, 13, 8, 30, tzinfo=datetime.UTC)  # 15:30 in Hà Nội
    assert text.format_article_datetime(friday) == "Thứ Sáu, 13/11/2020 15:30"
    sunday = datetime.datetime(2020, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert text.format_article_datetime(sunday) == "Chủ Nhật, 15/11/2020 09:00"
    # 17:30 UTC on a Sunday is already Monday in Vietnam.
    late = datetime.datetime(2020, 11, 15, 17, 30, tzinfo=datetime.UTC)
    assert text.format_article_datetime(late) == "Thứ Hai, 16/11/2020 00:30"
    assert text.format_article_datetime(None) == ""


def test_all_weekdays():
    monday = datetime.date(2024, 1, 1)
    names = [text.format_weekday(monday + datetime.timedelta(days=i)) for i in range(7)]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def test_document_date():
    assert text.format_document_date(datetime.date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    late = datetime.datetime(2019, 12, 31, 18, 0, tzinfo=datetime.UTC)  # 01:00 on 1 January in Vietnam
    assert text.format_document_date(late) == "ngày 01 tháng 01 năm 2020"
    assert text.format_short_date(datetime.date(2020, 1, 5)) == "05/01/2020"


def test_leads_are_cut_at_a_word_with_an_ellipsis():
    from vnportal.core.text import cut_at_word

    lead = "Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết, đánh giá kết quả đạt được"
    assert cut_at_word(lead, 200) == lead  # short enough: untouched, no "…"
    cut = cut_at_word(lead, 40)
    assert cut == "Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức…" and len(cut) <= 41
    assert cut_at_word(lead, 60) == "Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết…"  # no ", …"
    for limit in range(10, len(lead)):
        cut = cut_at_word(lead, limit)
        assert cut.endswith("…") and len(cut) <= limit + 1
        kept = cut[:-1]
        assert lead.startswith(kept) and lead[len(kept)] in " ,", (limit, cut)  # ends on a whole word
    assert cut_at_word("Đảngbộtỉnhkhôngcódấucách", 5) == "Đảngb…"  # one long word: cut where it must
    assert cut_at_word(None) == ""
