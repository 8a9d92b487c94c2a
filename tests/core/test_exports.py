"""core.exports: every CSV/XLSX cell is spreadsheet-safe (no formula injection)."""

import csv
import io

from openpyxl import load_workbook

from vnportal.core import exports

DANGEROUS = ["=1+2", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")']


def test_safe_cell_escapes_every_formula_start_and_nothing_else():
    for value in DANGEROUS:
        assert exports.safe_cell(value) == "'" + value
    for value in ["Bình thường", "2026-11-26", "", " =1", 5, -3, 1.5, None]:
        assert exports.safe_cell(value) == value


def test_csv_has_a_bom_and_no_live_formula():
    response = exports.csv_response([["Giá trị", "n"], *[[value, -1] for value in DANGEROUS]], "x.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffGiá trị,n")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in DANGEROUS]
    assert {row[1] for row in rows[1:]} == {"-1"}  # a number stays a number


def test_xlsx_cells_are_text_not_formulas():
    response = exports.xlsx_response(
        [("Một tên trang tính rất dài quá ba mươi mốt ký tự", [[v, 2] for v in DANGEROUS])], "x.xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert len(sheet.title) == 31
    cells = [row[0] for row in sheet.iter_rows()]
    # (XML turns a stored CR into LF; the apostrophe in front is what matters.)
    assert [cell.value for cell in cells] == ["'" + value.replace("\r", "\n") for value in DANGEROUS]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [row[1].value for row in sheet.iter_rows()] == [2] * len(DANGEROUS)
