import datetime
import io
import zipfile

from vnportal.library.models import Document, DocumentField, DocumentType, Issuer


def make_document(
    number="57-NQ/TW",
    summary="Về phát triển khoa học, công nghệ và chuyển đổi số",
    doc_type="Nghị quyết",
    issuer="Bộ Chính trị",
    field="Khoa học - Công nghệ",
    issued_on=datetime.date(2020, 1, 5),
    **fields,
):
    return Document.objects.create(
        number=number,
        summary=summary,
        doc_type=DocumentType.objects.get_or_create(name=doc_type)[0],
        issuer=Issuer.objects.get_or_create(name=issuer)[0],
        field=DocumentField.objects.get_or_create(name=field)[0] if field else None,
        issued_on=issued_on,
        **fields,
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OLE2_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def office_zip(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()
