"""Demo link groups for Sơn Hà: central portals, provinces, online public services by field.

The targets are addresses of real national portals or the fictional province's own; the
demo only stores them (nothing fetches them: the link check is off outside production).
Safe to run again: a group that exists (by title) is left as it is.
"""

from .models import Link, LinkGroup

GROUPS = [
    (
        "Cổng thông tin Trung ương",
        False,
        [
            ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/", ""),
            ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/", ""),
            ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/", ""),
            ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/", ""),
        ],
    ),
    (
        "Các tỉnh, thành phố",
        False,
        [
            ("Cổng thông tin điện tử tỉnh Sơn Hà", "https://sonha.gov.vn/", ""),
            ("Cổng thông tin điện tử tỉnh Lâm Giang", "https://lamgiang.gov.vn/", ""),
            ("Cổng thông tin điện tử tỉnh Bình Sơn", "https://binhson.gov.vn/", ""),
        ],
    ),
    (
        "Dịch vụ công trực tuyến",
        True,
        [
            (
                "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                "https://dichvucong.sonha.gov.vn/dat-dai/cap-lan-dau",
                "Đất đai",
            ),
            ("Đăng ký biến động đất đai", "https://dichvucong.sonha.gov.vn/dat-dai/bien-dong", "Đất đai"),
            ("Đăng ký khai sinh", "https://dichvucong.sonha.gov.vn/ho-tich/khai-sinh", "Hộ tịch"),
            ("Đăng ký kết hôn", "https://dichvucong.sonha.gov.vn/ho-tich/ket-hon", "Hộ tịch"),
            ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "https://dichvucong.sonha.gov.vn/xay-dung/giay-phep", "Xây dựng"),
            (
                "Đăng ký thành lập hộ kinh doanh",
                "https://dichvucong.sonha.gov.vn/kinh-doanh/ho-kinh-doanh",
                "Đăng ký kinh doanh",
            ),
        ],
    ),
]


def build(stdout=None):
    made = 0
    for order, (title, by_field, links) in enumerate(GROUPS):
        group, created = LinkGroup.objects.get_or_create(
            title=title, defaults={"sort_order": order * 10, "grouped_by_field": by_field, "in_footer": not by_field}
        )
        if not created:
            continue
        made += 1
        for index, (link_title, url, field) in enumerate(links):
            Link.objects.create(group=group, title=link_title, url=url, field=field, sort_order=index)
    if stdout is not None and made:
        stdout.write(f"Link groups: {made} created.")
