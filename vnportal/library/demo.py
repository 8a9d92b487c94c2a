"""Demo documents: a few types, issuers and fields, 24 documents, some with a PDF. Safe to run again."""

import datetime

from django.core.files.base import ContentFile

from .models import Document, DocumentAttachment, DocumentField, DocumentRelation, DocumentType, Issuer, PartyTerm

TYPES = [
    "Nghị quyết",
    "Chỉ thị",
    "Quyết định",
    "Kết luận",
    "Quy định",
    "Kế hoạch",
    "Hướng dẫn",
    "Thông báo",
    "Nghị định",
    "Công văn",
]
ISSUERS = [
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Chính phủ",
    "Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy",
    "Ủy ban nhân dân tỉnh",
    "Hội đồng nhân dân tỉnh",
    "Văn phòng Tỉnh ủy",
]
FIELDS = [
    "Xây dựng Đảng",
    "Kinh tế",
    "Văn hóa - Xã hội",
    "Quốc phòng - An ninh",
    "Khoa học - Công nghệ",
    "Tổ chức - Cán bộ",
    "Chuyển đổi số",
]
TERMS = [
    ("Nhiệm kỳ 2015 - 2020", 2015, 2020),
    ("Nhiệm kỳ 2020 - 2025", 2020, 2025),
    ("Nhiệm kỳ 2025 - 2030", 2025, 2030),
]

# number, type, issuer, field, signer, signer title, issued, effective, until, status, summary
DOCUMENTS = [
    (
        "57-NQ/TW",
        "Nghị quyết",
        "Bộ Chính trị",
        "Khoa học - Công nghệ",
        "Nguyễn Văn An",
        "Tổng Bí thư",
        "2024-12-22",
        "2024-12-22",
        None,
        "in_force",
        "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "42/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Chuyển đổi số",
        "Trần Minh Đức",
        "Thủ tướng",
        "2022-06-24",
        "2022-08-01",
        None,
        "in_force",
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    ),
    (
        "01-NQ/TU",
        "Nghị quyết",
        "Tỉnh ủy",
        "Kinh tế",
        "Lê Thị Hoà",
        "Bí thư Tỉnh ủy",
        "2021-03-15",
        "2021-03-15",
        None,
        "in_force",
        "Về phát triển nông nghiệp hữu cơ gắn với xây dựng nông thôn mới giai đoạn 2021 - 2025",
    ),
    (
        "02-NQ/TU",
        "Nghị quyết",
        "Tỉnh ủy",
        "Văn hóa - Xã hội",
        "Lê Thị Hoà",
        "Bí thư Tỉnh ủy",
        "2021-06-10",
        "2021-06-10",
        None,
        "in_force",
        "Về bảo tồn và phát huy giá trị di sản văn hóa các dân tộc trên địa bàn tỉnh",
    ),
    (
        "05-CT/TU",
        "Chỉ thị",
        "Ban Thường vụ Tỉnh ủy",
        "Xây dựng Đảng",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2020-01-05",
        "2020-01-05",
        None,
        "in_force",
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tham nhũng, lãng phí",
    ),
    (
        "12-CT/TU",
        "Chỉ thị",
        "Ban Thường vụ Tỉnh ủy",
        "Quốc phòng - An ninh",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2022-09-01",
        "2022-09-01",
        None,
        "in_force",
        "Về bảo đảm an ninh, trật tự trong dịp Tết Nguyên đán và các ngày lễ lớn",
    ),
    (
        "35-KL/TW",
        "Kết luận",
        "Ban Bí thư",
        "Tổ chức - Cán bộ",
        "Võ Thanh Sơn",
        "Thường trực Ban Bí thư",
        "2022-05-05",
        "2022-05-05",
        None,
        "in_force",
        "Về danh mục chức danh, chức vụ lãnh đạo và bảng lương đối với cán bộ ở cơ sở",
    ),
    (
        "1250/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh",
        "Chuyển đổi số",
        "Đặng Văn Hùng",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "2023-04-18",
        "2023-04-18",
        None,
        "in_force",
        "Phê duyệt Đề án chuyển đổi số tỉnh đến năm 2025, định hướng đến năm 2030",
    ),
    (
        "980/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh",
        "Kinh tế",
        "Đặng Văn Hùng",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "2019-07-02",
        "2019-07-02",
        "2023-04-18",
        "expired",
        "Ban hành Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước giai đoạn 2019 - 2020",
    ),
    (
        "15/2023/NQ-HĐND",
        "Nghị quyết",
        "Hội đồng nhân dân tỉnh",
        "Văn hóa - Xã hội",
        "Ngô Thị Thúy",
        "Chủ tịch Hội đồng nhân dân tỉnh",
        "2023-07-14",
        "2023-08-01",
        None,
        "in_force",
        "Quy định mức hỗ trợ học phí cho học sinh mầm non và phổ thông năm học 2023 - 2024",
    ),
    (
        "08/2021/NQ-HĐND",
        "Nghị quyết",
        "Hội đồng nhân dân tỉnh",
        "Kinh tế",
        "Ngô Thị Thúy",
        "Chủ tịch Hội đồng nhân dân tỉnh",
        "2021-12-09",
        "2022-01-01",
        None,
        "partly_expired",
        "Về chính sách hỗ trợ phát triển kinh tế tập thể, hợp tác xã trên địa bàn tỉnh",
    ),
    (
        "20-QĐ/TU",
        "Quy định",
        "Tỉnh ủy",
        "Xây dựng Đảng",
        "Lê Thị Hoà",
        "Bí thư Tỉnh ủy",
        "2021-10-20",
        "2021-10-20",
        None,
        "in_force",
        "Về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu",
    ),
    (
        "45-KH/TU",
        "Kế hoạch",
        "Ban Thường vụ Tỉnh ủy",
        "Xây dựng Đảng",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2024-02-26",
        None,
        None,
        "in_force",
        "Tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII",
    ),
    (
        "03-HD/BTGTU",
        "Hướng dẫn",
        "Văn phòng Tỉnh ủy",
        "Xây dựng Đảng",
        "Bùi Ngọc Lan",
        "Chánh Văn phòng",
        "2023-03-03",
        None,
        None,
        "in_force",
        "Hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn và sự kiện lịch sử năm 2023",
    ),
    (
        "112-TB/TU",
        "Thông báo",
        "Ban Thường vụ Tỉnh ủy",
        "Kinh tế",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2024-05-20",
        None,
        None,
        "in_force",
        "Kết luận của Ban Thường vụ Tỉnh ủy về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm",
    ),
    (
        "2150/UBND-VX",
        "Công văn",
        "Ủy ban nhân dân tỉnh",
        "Văn hóa - Xã hội",
        "Hoàng Thị Mai",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "2024-08-12",
        None,
        None,
        "in_force",
        "Về việc chủ động phòng, chống dịch sốt xuất huyết trong mùa mưa bão",
    ),
    (
        "18-NQ/TW",
        "Nghị quyết",
        "Ban Chấp hành Trung ương",
        "Tổ chức - Cán bộ",
        "Nguyễn Văn An",
        "Tổng Bí thư",
        "2017-10-25",
        "2017-10-25",
        None,
        "in_force",
        "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, "
        "hiệu quả",
    ),
    (
        "09-CT/TU",
        "Chỉ thị",
        "Ban Thường vụ Tỉnh ủy",
        "Kinh tế",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2018-04-09",
        "2018-04-09",
        "2022-12-31",
        "expired",
        "Về đẩy mạnh cải cách thủ tục hành chính, cải thiện môi trường đầu tư kinh doanh",
    ),
    (
        "66/2024/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh",
        "Quốc phòng - An ninh",
        "Đặng Văn Hùng",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "2024-11-28",
        "2025-01-01",
        None,
        "not_yet",
        "Ban hành Quy chế phối hợp bảo đảm an toàn thông tin mạng trong các cơ quan nhà nước của tỉnh",
    ),
    (
        "27-KL/TU",
        "Kết luận",
        "Tỉnh ủy",
        "Văn hóa - Xã hội",
        "Lê Thị Hoà",
        "Bí thư Tỉnh ủy",
        "2022-11-11",
        "2022-11-11",
        None,
        "in_force",
        "Về phát triển du lịch sinh thái, du lịch cộng đồng gắn với bảo vệ rừng đầu nguồn",
    ),
    (
        "31-KH/UBND",
        "Kế hoạch",
        "Ủy ban nhân dân tỉnh",
        "Khoa học - Công nghệ",
        "Hoàng Thị Mai",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "2025-02-10",
        "2025-02-10",
        None,
        "in_force",
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn tỉnh năm 2025",
    ),
    (
        "07-QĐ/TU",
        "Quy định",
        "Ban Thường vụ Tỉnh ủy",
        "Tổ chức - Cán bộ",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2020-01-05",
        "2020-01-05",
        "2024-06-30",
        "expired",
        "Về phân cấp quản lý cán bộ và bổ nhiệm, giới thiệu cán bộ ứng cử",
    ),
    (
        "14-QĐ/TU",
        "Quy định",
        "Ban Thường vụ Tỉnh ủy",
        "Tổ chức - Cán bộ",
        "Phạm Quốc Thuý",
        "Phó Bí thư Thường trực",
        "2024-07-01",
        "2024-07-01",
        None,
        "in_force",
        "Về phân cấp quản lý cán bộ và bổ nhiệm, giới thiệu cán bộ ứng cử (thay thế Quy định số 07-QĐ/TU)",
    ),
    (
        "04-HD/TU",
        "Hướng dẫn",
        "Văn phòng Tỉnh ủy",
        "Chuyển đổi số",
        "Bùi Ngọc Lan",
        "Chánh Văn phòng",
        "2024-09-16",
        None,
        None,
        "in_force",
        "Hướng dẫn gửi, nhận văn bản điện tử và sử dụng chữ ký số trong các cơ quan đảng",
    ),
]
RELATIONS = [
    ("14-QĐ/TU", "replaces", "07-QĐ/TU"),
    ("1250/QĐ-UBND", "replaces", "980/QĐ-UBND"),
    ("31-KH/UBND", "amends", "45-KH/TU"),
]


def tiny_pdf(title):
    """A small valid one-page PDF (ASCII title) so that downloads can be tried."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def build(stdout=None):
    types = {
        name: DocumentType.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(TYPES)
    }
    issuers = {
        name: Issuer.objects.get_or_create(name=name, defaults={"sort_order": i})[0] for i, name in enumerate(ISSUERS)
    }
    fields = {
        name: DocumentField.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(FIELDS)
    }
    terms = [
        PartyTerm.objects.get_or_create(name=name, defaults={"start_year": a, "end_year": b})[0] for name, a, b in TERMS
    ]
    created = 0
    by_number = {}
    for index, row in enumerate(DOCUMENTS):
        number, type_name, issuer, field, signer, title, issued, effective, until, status, summary = row
        existing = Document.objects.filter(number=number).first()
        if existing:
            by_number[number] = existing
            continue
        issued_on = _date(issued)
        term = next((t for t in terms if t.start_year <= issued_on.year < t.end_year), None)
        document = Document.objects.create(
            number=number,
            doc_type=types[type_name],
            issuer=issuers[issuer],
            field=fields[field],
            signer_name=signer,
            signer_title=title,
            issued_on=issued_on,
            effective_from=_date(effective),
            effective_until=_date(until),
            status=status,
            summary=summary,
            term=term,
            content=f"{type_name} số {number} của {issuer}: {summary[0].lower()}{summary[1:]}.",
        )
        if index % 3 == 0:
            attachment = DocumentAttachment(document=document, title=f"Toàn văn {type_name.lower()} {number}")
            filename = "van-ban-" + number.replace("/", "-").lower() + ".pdf"
            attachment.file.save(filename.encode("ascii", "ignore").decode(), ContentFile(tiny_pdf(number)), save=False)
            attachment.save()
        by_number[number] = document
        created += 1
    for source, kind, target in RELATIONS:
        if source in by_number and target in by_number:
            DocumentRelation.objects.get_or_create(
                document=by_number[source], target=by_number[target], defaults={"kind": kind}
            )
    if stdout is not None:
        stdout.write(f"Đã tạo {created} văn bản mẫu.")
