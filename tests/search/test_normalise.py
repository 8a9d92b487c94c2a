import unicodedata

import pytest

from vnportal.core.text import fold
from vnportal.search.normalise import (
    MAX_QUERY_TOKENS,
    exact_form,
    folded_form,
    normalise_number,
    query_tokens,
)


@pytest.mark.parametrize(
    "old, new",
    [
        ("hoà", "hòa"),
        ("Thuý", "Thúy"),
        ("khoẻ", "khỏe"),
        ("loạ", "lọa"),
        ("Hoà Bình", "Hòa Bình"),
        ("uỷ ban", "ủy ban"),
    ],
)
def test_tone_placement_variants_have_one_exact_form(old, new):
    assert exact_form(old) == exact_form(new)
    assert fold(exact_form(old)) == folded_form(new)


@pytest.mark.parametrize("word", ["quý", "quỳnh", "hoàng", "toán", "khuyến", "thuở"])
def test_syllables_with_a_fixed_tone_position_are_unchanged(word):
    assert exact_form(word) == word


def test_different_tones_stay_different():
    assert exact_form("hoà") != exact_form("hoá")
    assert exact_form("đảng") != exact_form("dang")


def test_decomposed_input_equals_composed():
    text = "Đảng bộ Tỉnh uỷ Hoà Bình"
    assert exact_form(unicodedata.normalize("NFD", text)) == exact_form(text)
    assert folded_form(unicodedata.normalize("NFD", text)) == "dang bo tinh uy hoa binh"


def test_punctuation_splits_syllables_the_same_way_for_both_databases():
    assert folded_form("57-NQ/TW; 42/2022/NĐ-CP_x") == "57 nq tw 42 2022 nd cp x"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("57-NQ/TW", "57-nq/tw"),
        (" 42 / 2022 / NĐ–CP ", "42/2022/nd-cp"),
        ("05\\CT-TU", "05/ct-tu"),
        ("15/2023/NQ-HÐND", "15/2023/nq-hdnd"),  # Icelandic eth typed for Đ
    ],
)
def test_document_numbers_are_normalised(raw, expected):
    assert normalise_number(raw) == expected


def test_query_tokens_are_bounded_and_never_contain_syntax():
    exact, folded = query_tokens('"x" OR NEAR(a, b) *:^ {title} -- ; ' + "từ " * 100 + "z" * 5000)
    assert len(exact) == len(folded) == MAX_QUERY_TOKENS
    assert all(tok.isalnum() for tok in exact + folded)
