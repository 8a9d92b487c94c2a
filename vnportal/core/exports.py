"""Spreadsheet exports (CSV and XLSX): the one place that writes them.

Every cell goes through ``safe_cell``: text that begins with = + - @, a tab or a carriage
return would be run as a formula by Excel or LibreOffice (CSV/XLSX injection: a referrer
"=HYPERLINK(...)" or a poll's write-in answer must arrive as text). CSV is UTF-8 with a BOM
so spreadsheet programs read Vietnamese correctly.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel's limit


def safe_cell(value):
    """Spreadsheet-safe text: a leading = + - @ tab or CR is escaped with an apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def safe_rows(rows):
    return ([safe_cell(value) for value in row] for row in rows)


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows, filename):
    """A CSV download of ``rows`` (lists of cells)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(safe_rows(rows))
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def xlsx_response(sheets, filename):
    """An XLSX download: ``sheets`` is a list of ``(title, rows)``, one worksheet each."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:SHEET_TITLE_MAX])
        for row in safe_rows(rows):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
