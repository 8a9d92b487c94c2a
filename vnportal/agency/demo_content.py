"""The demo agency of the fictional province of Sơn Hà: its units, people and Giới thiệu pages.

Every name, figure and date here is invented; any likeness to a real person or place is chance.
"""

# (name, short name, kind, parent name or None, address, phone, e-mail, functions)
OFFICE = "Số 1 đường Trần Hưng Đạo, phường Trung Tâm, tỉnh Sơn Hà"
UNITS = [
    (
        "Ban Chấp hành Đảng bộ tỉnh",
        "BCH Đảng bộ tỉnh",
        "leadership",
        None,
        OFFICE,
        "0200 3 800 800",
        "tinhuy@sonha.example.vn",
        "<p>Cơ quan lãnh đạo của Đảng bộ tỉnh giữa hai kỳ đại hội; quyết định những vấn đề lớn về "
        "chính trị, kinh tế, xã hội, quốc phòng, an ninh và công tác xây dựng Đảng của tỉnh.</p>",
    ),
    (
        "Ban Thường vụ Tỉnh ủy",
        "BTV Tỉnh ủy",
        "leadership",
        "Ban Chấp hành Đảng bộ tỉnh",
        OFFICE,
        "0200 3 800 802",
        "bantv@sonha.example.vn",
        "<p>Lãnh đạo, chỉ đạo thực hiện nghị quyết của Ban Chấp hành Đảng bộ tỉnh giữa hai kỳ hội nghị; "
        "quyết định công tác cán bộ theo phân cấp; chuẩn bị nội dung các kỳ hội nghị Tỉnh ủy.</p>",
    ),
    (
        "Văn phòng Tỉnh ủy",
        "VPTU",
        "advisory",
        "Ban Thường vụ Tỉnh ủy",
        OFFICE,
        "0200 3 800 810",
        "vanphong@sonha.example.vn",
        "<p>Tham mưu tổ chức, điều hành công việc của Tỉnh ủy, Ban Thường vụ và Thường trực Tỉnh ủy; "
        "là trung tâm thông tin tổng hợp phục vụ sự lãnh đạo của Tỉnh ủy.</p>"
        "<ul><li>Xây dựng chương trình công tác, lịch làm việc của Thường trực Tỉnh ủy.</li>"
        "<li>Quản lý văn bản, lưu trữ, cơ yếu và công nghệ thông tin của cơ quan Tỉnh ủy.</li>"
        "<li>Quản lý tài chính, tài sản và bảo đảm điều kiện hoạt động của Tỉnh ủy.</li></ul>",
    ),
    (
        "Phòng Tổng hợp",
        "",
        "office",
        "Văn phòng Tỉnh ủy",
        OFFICE,
        "0200 3 800 811",
        "tonghop.vptu@sonha.example.vn",
        "<p>Tổng hợp tình hình, soạn thảo báo cáo, chương trình công tác; theo dõi việc thực hiện "
        "kết luận của Thường trực Tỉnh ủy.</p>",
    ),
    (
        "Phòng Hành chính - Lưu trữ",
        "",
        "office",
        "Văn phòng Tỉnh ủy",
        OFFICE,
        "0200 3 800 812",
        "hanhchinh.vptu@sonha.example.vn",
        "<p>Tiếp nhận, phát hành văn bản; quản lý con dấu; lưu trữ tài liệu của Đảng bộ tỉnh.</p>",
    ),
    (
        "Phòng Quản trị - Tài chính",
        "",
        "office",
        "Văn phòng Tỉnh ủy",
        OFFICE,
        "0200 3 800 813",
        "taichinh.vptu@sonha.example.vn",
        "<p>Quản lý ngân sách, tài sản, nhà khách và phương tiện phục vụ cơ quan Tỉnh ủy.</p>",
    ),
    (
        "Ban Tổ chức Tỉnh ủy",
        "BTCTU",
        "advisory",
        "Ban Thường vụ Tỉnh ủy",
        "Số 3 đường Trần Hưng Đạo, phường Trung Tâm, tỉnh Sơn Hà",
        "0200 3 800 820",
        "bantochuc@sonha.example.vn",
        "<p>Tham mưu về tổ chức bộ máy, công tác cán bộ, đảng viên và bảo vệ chính trị nội bộ.</p>"
        "<ul><li>Thẩm định nhân sự thuộc diện Ban Thường vụ Tỉnh ủy quản lý.</li>"
        "<li>Hướng dẫn công tác phát triển đảng viên, quản lý hồ sơ đảng viên.</li></ul>",
    ),
    (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "BTGDVTU",
        "advisory",
        "Ban Thường vụ Tỉnh ủy",
        "Số 5 đường Lê Lợi, phường Trung Tâm, tỉnh Sơn Hà",
        "0200 3 800 830",
        "tuyengiao@sonha.example.vn",
        "<p>Tham mưu về công tác tư tưởng, lý luận, báo chí, xuất bản, văn hóa, văn nghệ, khoa giáo "
        "và công tác dân vận của hệ thống chính trị tỉnh.</p>",
    ),
    (
        "Ủy ban Kiểm tra Tỉnh ủy",
        "UBKTTU",
        "advisory",
        "Ban Thường vụ Tỉnh ủy",
        "Số 7 đường Lê Lợi, phường Trung Tâm, tỉnh Sơn Hà",
        "0200 3 800 840",
        "ubkt@sonha.example.vn",
        "<p>Kiểm tra, giám sát việc chấp hành Điều lệ Đảng, nghị quyết, chỉ thị của Đảng; giải quyết "
        "tố cáo, khiếu nại kỷ luật đảng theo thẩm quyền.</p>",
    ),
    (
        "Ban Nội chính Tỉnh ủy",
        "BNCTU",
        "advisory",
        "Ban Thường vụ Tỉnh ủy",
        "Số 9 đường Lê Lợi, phường Trung Tâm, tỉnh Sơn Hà",
        "0200 3 800 850",
        "noichinh@sonha.example.vn",
        "<p>Tham mưu về nội chính, phòng, chống tham nhũng, lãng phí, tiêu cực và cải cách tư pháp.</p>",
    ),
    (
        "Trường Chính trị tỉnh Sơn Hà",
        "",
        "public_service",
        "Ban Thường vụ Tỉnh ủy",
        "Số 25 đường Nguyễn Trãi, phường Đồi Thông, tỉnh Sơn Hà",
        "0200 3 801 900",
        "truongchinhtri@sonha.example.vn",
        "<p>Đào tạo, bồi dưỡng lý luận chính trị, nghiệp vụ cho cán bộ, đảng viên của tỉnh.</p>",
    ),
]

# (name, title, unit, leader?, order, term, phone, e-mail, biography); leaders first by order.
PEOPLE = [
    (
        "Nguyễn Hoàng Long",
        "Bí thư Tỉnh ủy",
        "Ban Thường vụ Tỉnh ủy",
        True,
        1,
        "2025–2030",
        "0200 3 800 802",
        "bithu@sonha.example.vn",
        "<p>Sinh năm 1970 tại xã Thượng Nguồn, tỉnh Sơn Hà. Thạc sĩ Quản lý kinh tế, Cao cấp lý luận chính trị.</p>"
        "<p>Từng là kỹ sư thủy lợi, Chủ tịch Ủy ban nhân dân huyện Sông Đào, Trưởng Ban Tổ chức Tỉnh ủy. "
        "Được bầu làm Bí thư Tỉnh ủy tại Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII.</p>",
    ),
    (
        "Lê Thị Thu Hà",
        "Phó Bí thư Thường trực Tỉnh ủy",
        "Ban Thường vụ Tỉnh ủy",
        True,
        2,
        "2025–2030",
        "0200 3 800 803",
        "pbttt@sonha.example.vn",
        "<p>Sinh năm 1974 tại phường Bến Đá, tỉnh Sơn Hà. Tiến sĩ Luật, Cao cấp lý luận chính trị.</p>"
        "<p>Nguyên Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh; phụ trách công tác "
        "xây dựng Đảng và hệ thống chính trị.</p>",
    ),
    (
        "Phạm Quốc Việt",
        "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh",
        "Ban Thường vụ Tỉnh ủy",
        True,
        3,
        "2025–2030",
        "0200 3 810 000",
        "chutich@sonha.example.vn",
        "<p>Sinh năm 1972 tại xã Đồng Xanh, tỉnh Sơn Hà. Tiến sĩ Kinh tế phát triển.</p>"
        "<p>Trưởng thành từ ngành kế hoạch và đầu tư; nguyên Giám đốc Sở Kế hoạch và Đầu tư, Phó Chủ tịch "
        "Ủy ban nhân dân tỉnh phụ trách kinh tế.</p>",
    ),
    (
        "Trần Minh Khôi",
        "Ủy viên Ban Thường vụ, Chánh Văn phòng Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        True,
        4,
        "2025–2030",
        "0200 3 800 810",
        "chanhvanphong@sonha.example.vn",
        "<p>Sinh năm 1976 tại phường Trung Tâm, tỉnh Sơn Hà. Thạc sĩ Hành chính công.</p>"
        "<p>Nhiều năm công tác tại Văn phòng Tỉnh ủy, từ chuyên viên tổng hợp đến Phó Chánh Văn phòng; "
        "chịu trách nhiệm chính về nội dung Cổng thông tin điện tử Đảng bộ tỉnh.</p>",
    ),
    (
        "Đỗ Thị Mai Anh",
        "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        True,
        5,
        "2025–2030",
        "0200 3 800 820",
        "truongban.btc@sonha.example.vn",
        "<p>Sinh năm 1978 tại xã Hòa Bình Thượng, tỉnh Sơn Hà. Thạc sĩ Xây dựng Đảng và Chính quyền nhà nước.</p>"
        "<p>Nguyên Bí thư Huyện ủy Rừng Thông; được phân công làm Trưởng Ban Tổ chức Tỉnh ủy từ năm 2025.</p>",
    ),
    ("Vũ Văn Bình", "Trưởng phòng Tổng hợp", "Phòng Tổng hợp", False, 20, "", "0200 3 800 811", "", ""),
    ("Hoàng Thị Lan", "Trưởng phòng Hành chính - Lưu trữ", "Phòng Hành chính - Lưu trữ", False, 21, "", "", "", ""),
    (
        "Ngô Đức Thắng",
        "Trưởng Ban Tuyên giáo và Dân vận",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        False,
        22,
        "",
        "",
        "",
        "",
    ),
    ("Bùi Thanh Tùng", "Chủ nhiệm Ủy ban Kiểm tra", "Ủy ban Kiểm tra Tỉnh ủy", False, 23, "", "", "", ""),
    ("Đặng Hữu Nghĩa", "Trưởng Ban Nội chính", "Ban Nội chính Tỉnh ủy", False, 24, "", "", "", ""),
    ("Lý Thị Hồng", "Hiệu trưởng", "Trường Chính trị tỉnh Sơn Hà", False, 25, "", "", "", ""),
]

# unit name -> head's name
HEADS = {
    "Ban Chấp hành Đảng bộ tỉnh": "Nguyễn Hoàng Long",
    "Ban Thường vụ Tỉnh ủy": "Nguyễn Hoàng Long",
    "Văn phòng Tỉnh ủy": "Trần Minh Khôi",
    "Phòng Tổng hợp": "Vũ Văn Bình",
    "Phòng Hành chính - Lưu trữ": "Hoàng Thị Lan",
    "Ban Tổ chức Tỉnh ủy": "Đỗ Thị Mai Anh",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy": "Ngô Đức Thắng",
    "Ủy ban Kiểm tra Tỉnh ủy": "Bùi Thanh Tùng",
    "Ban Nội chính Tỉnh ủy": "Đặng Hữu Nghĩa",
    "Trường Chính trị tỉnh Sơn Hà": "Lý Thị Hồng",
}

INDEX_INTRO = (
    "<p>Đảng bộ tỉnh Sơn Hà lãnh đạo toàn diện mọi mặt đời sống chính trị, kinh tế, xã hội của tỉnh. "
    "Phần Giới thiệu trình bày chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo tỉnh và những nét chính về "
    "lịch sử, điều kiện tự nhiên của Sơn Hà.</p>"
)

# (slug, title, kind, search description, body)
PAGES = [
    (
        "chuc-nang-nhiem-vu",
        "Chức năng, nhiệm vụ",
        "functions",
        "Chức năng, nhiệm vụ của Tỉnh ủy Sơn Hà và các cơ quan tham mưu, giúp việc.",
        "<p>Tỉnh ủy Sơn Hà là cơ quan lãnh đạo của Đảng bộ tỉnh giữa hai kỳ đại hội, có chức năng "
        "lãnh đạo thực hiện Cương lĩnh, Điều lệ Đảng, nghị quyết của Trung ương và của Đại hội Đảng bộ tỉnh.</p>"
        "<p>Các cơ quan tham mưu, giúp việc của Tỉnh ủy có chức năng, nhiệm vụ như sau.</p>",
    ),
    (
        "co-cau-to-chuc",
        "Cơ cấu tổ chức",
        "organisation",
        "Sơ đồ tổ chức của Đảng bộ tỉnh Sơn Hà: Ban Chấp hành, Ban Thường vụ và các cơ quan tham mưu.",
        "<p>Sơ đồ dưới đây cho thấy các cơ quan của Đảng bộ tỉnh và quan hệ trực thuộc giữa chúng. "
        "Chọn tên một đơn vị để xem chức năng và thông tin liên hệ.</p>",
    ),
    (
        "lanh-dao-tinh",
        "Lãnh đạo tỉnh",
        "leadership",
        "Thường trực và Ủy viên Ban Thường vụ Tỉnh ủy Sơn Hà nhiệm kỳ 2025–2030.",
        "<p>Thường trực Tỉnh ủy và các Ủy viên Ban Thường vụ Tỉnh ủy Sơn Hà nhiệm kỳ 2025–2030.</p>",
    ),
    (
        "lich-su",
        "Lịch sử hình thành",
        "text",
        "Những mốc chính trong lịch sử Đảng bộ và nhân dân tỉnh Sơn Hà.",
        "<p>Vùng đất Sơn Hà có người sinh sống từ rất sớm, dọc hai bờ sông Đào và các thung lũng chân núi "
        "Mẫu Sơn. Các di chỉ khảo cổ ở Đồi Thông cho thấy dấu vết cư trú của cư dân trồng lúa nước.</p>"
        "<h2>Những mốc chính</h2>"
        "<ul><li>Năm 1930: chi bộ đảng đầu tiên của vùng được thành lập ở làng Bến Đá.</li>"
        "<li>Năm 1945: nhân dân Sơn Hà giành chính quyền trong Cách mạng Tháng Tám.</li>"
        "<li>Năm 1976: tỉnh được hợp nhất cùng các huyện miền núi phía tây.</li>"
        "<li>Năm 1997: tỉnh Sơn Hà được tái lập với 9 đơn vị hành chính cấp huyện.</li>"
        "<li>Năm 2025: sắp xếp lại đơn vị hành chính, tỉnh còn 42 xã, phường.</li></ul>"
        "<p>Trải qua các thời kỳ, Đảng bộ tỉnh luôn phát huy truyền thống đoàn kết, lãnh đạo nhân dân "
        "vượt khó, xây dựng quê hương ngày càng giàu đẹp.</p>",
    ),
    (
        "dieu-kien-tu-nhien",
        "Điều kiện tự nhiên",
        "text",
        "Vị trí địa lý, địa hình, khí hậu và tài nguyên của tỉnh Sơn Hà.",
        "<h2>Vị trí địa lý</h2>"
        "<p>Sơn Hà là tỉnh trung du và miền núi, diện tích tự nhiên khoảng 4.860 km², phía bắc giáp vùng "
        "núi cao, phía nam giáp đồng bằng ven biển.</p>"
        "<h2>Địa hình và khí hậu</h2>"
        "<p>Địa hình thấp dần từ tây bắc xuống đông nam, gồm ba vùng: núi cao, đồi thấp và đồng bằng ven "
        "sông Đào. Khí hậu nhiệt đới gió mùa, nhiệt độ trung bình năm khoảng 23 °C, lượng mưa 1.800 mm.</p>"
        "<h2>Tài nguyên</h2>"
        "<p>Rừng chiếm 52% diện tích; đất đỏ vàng thích hợp với chè, cây ăn quả; sông Đào và hồ Mẫu Sơn "
        "là nguồn nước và tiềm năng du lịch sinh thái.</p>",
    ),
    (
        "ban-do-hanh-chinh",
        "Bản đồ hành chính",
        "text",
        "Bản đồ hành chính tỉnh Sơn Hà và danh sách các khu vực.",
        "<p>Tỉnh Sơn Hà có 42 đơn vị hành chính cấp xã (12 phường, 30 xã), chia thành năm khu vực "
        "thể hiện trên bản đồ bằng năm màu:</p>"
        "<ul><li>Khu vực trung tâm (màu đỏ): phường Trung Tâm, Bến Đá, Đồi Thông và 9 phường khác.</li>"
        "<li>Khu vực phía bắc (màu xanh lá): 8 xã vùng núi Mẫu Sơn.</li>"
        "<li>Khu vực phía tây (màu vàng): 7 xã vùng đồi chè.</li>"
        "<li>Khu vực phía đông (màu xanh dương): 8 xã ven sông Đào.</li>"
        "<li>Khu vực phía nam (màu cam): 7 xã đồng bằng.</li></ul>",
    ),
    (
        "tuyen-bo-tro-nang",
        "Tuyên bố trợ năng",
        "accessibility",
        "Cam kết của Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà về khả năng tiếp cận cho mọi người.",
        "<p>Ban Biên tập Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà cam kết để mọi người, kể cả người "
        "khuyết tật và người cao tuổi, đều đọc và sử dụng được cổng thông tin.</p>"
        "<h2>Mức độ tuân thủ</h2>"
        "<p>Cổng được xây dựng theo Hướng dẫn về khả năng tiếp cận nội dung web (WCAG) 2.1 mức AA. "
        "Mỗi lần thay đổi giao diện đều được kiểm tra tự động bằng công cụ axe-core và trên màn hình "
        "điện thoại rộng 360 điểm ảnh.</p>"
        "<h2>Những gì cổng hỗ trợ</h2>"
        "<ul><li>Liên kết “Chuyển đến nội dung chính” ở đầu mỗi trang.</li>"
        "<li>Điều hướng toàn bộ bằng bàn phím, vị trí đang chọn luôn được làm nổi bật.</li>"
        "<li>Ba cỡ chữ A-, A, A+ ở đầu trang; trang vẫn đọc được khi phóng to 200%.</li>"
        "<li>Ảnh có chú thích; sơ đồ tổ chức là danh sách văn bản, đọc được bằng trình đọc màn hình.</li>"
        "<li>Bản in cho mỗi bài viết và trang giới thiệu.</li></ul>"
        "<h2>Hạn chế đã biết</h2>"
        "<p>Một số tệp văn bản cũ đăng dưới dạng ảnh chụp chưa có bản chữ; chúng tôi đang chuyển dần "
        "sang định dạng đọc được.</p>"
        "<h2>Phản hồi</h2>"
        "<p>Nếu gặp khó khăn khi sử dụng cổng, xin gửi thư tới banbientap@sonha.example.vn hoặc gọi "
        "0200 3 800 800 trong giờ hành chính. Chúng tôi trả lời trong vòng 5 ngày làm việc.</p>",
    ),
]
