"""Demo content for a fictional province, Sơn Hà. Written for vnportal; not taken from any site.

Every name, figure and event here is invented.
"""

AGENCY = {
    "agency_name": "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà",
    "agency_subtitle": "Cơ quan của Tỉnh ủy Sơn Hà",
    "responsible_person": "Chịu trách nhiệm chính: Ông Trần Minh Khôi, Chánh Văn phòng Tỉnh ủy",
    "license_text": "Giấy phép số 01/GP-TTĐT do Sở Văn hóa và Thông tin tỉnh Sơn Hà cấp (dữ liệu minh họa)",
    "address": "Số 1 đường Trần Hưng Đạo, phường Trung Tâm, tỉnh Sơn Hà",
    "phone": "0200 3 800 800",
    "fax": "0200 3 800 801",
    "email": "banbientap@sonha.example.vn",
    "copyright_notice": "Ghi rõ nguồn \u201cCổng thông tin điện tử Đảng bộ tỉnh Sơn Hà\u201d khi phát hành lại thông tin từ cổng này.",
}

HOME_INTRO = "Thông tin chính thống về hoạt động của Đảng bộ, chính quyền và nhân dân tỉnh Sơn Hà."

# (title, slug-free key, intro, signoff, author pool, colour, sub-sections)
SECTIONS = [
    {
        "title": "Tin tức - Sự kiện",
        "intro": "Tin hoạt động nổi bật của tỉnh Sơn Hà trong ngày.",
        "signoff": "SH-VPTU",
        "colour": (165, 15, 21),
        "children": [
            {"title": "Hoạt động của Tỉnh ủy", "intro": "Lịch làm việc và hoạt động của Thường trực Tỉnh ủy."}
        ],
    },
    {
        "title": "Xây dựng Đảng",
        "intro": "Công tác tổ chức, cán bộ, kiểm tra, giám sát và học tập lý luận.",
        "signoff": "SH-BTC",
        "colour": (122, 11, 16),
        "children": [],
    },
    {
        "title": "Kinh tế - Xã hội",
        "intro": "Sản xuất, đầu tư, hạ tầng và đời sống nhân dân.",
        "signoff": "SH-BTG",
        "colour": (11, 79, 156),
        "children": [],
    },
    {
        "title": "Quốc phòng - An ninh",
        "intro": "Xây dựng nền quốc phòng toàn dân và giữ vững an ninh trật tự.",
        "signoff": "SH-VPTU",
        "colour": (46, 94, 46),
        "children": [],
    },
    {
        "title": "Văn hóa - Giáo dục",
        "intro": "Di sản, lễ hội, trường học và phong trào văn hóa cơ sở.",
        "signoff": "SH-BTG",
        "colour": (150, 90, 10),
        "children": [],
    },
]

AUTHORS = ["Minh Châu", "Thu Hà", "Đức Anh", "Lan Phương", "Quốc Việt", "Ngọc Diệp", "Hoàng Long"]

# Each article: section index (or "index/child"), title, kicker, lead, tags, featured.
ARTICLES = [
    (
        "0",
        "Đại hội Đảng bộ tỉnh lần thứ XVII thành công tốt đẹp",
        "Nhiệm kỳ 2025 - 2030",
        "Sau ba ngày làm việc khẩn trương, Đại hội đại biểu Đảng bộ tỉnh Sơn Hà lần thứ XVII đã hoàn thành toàn bộ nội dung đề ra, bầu Ban Chấp hành khóa mới và thông qua Nghị quyết Đại hội.",
        ["Đại hội Đảng", "nhiệm kỳ 2025-2030"],
        True,
    ),
    (
        "0",
        "Tỉnh Sơn Hà đón nhận danh hiệu tỉnh dẫn đầu về chuyển đổi số",
        "",
        "Trong năm qua, tỉnh đã đưa 100% thủ tục hành chính đủ điều kiện lên môi trường mạng và kết nối dữ liệu dân cư với các ngành.",
        ["chuyển đổi số", "cải cách hành chính"],
        False,
    ),
    (
        "0",
        "Khai mạc Hội chợ nông sản vùng cao Sơn Hà năm nay",
        "",
        "Hơn 200 gian hàng của các hợp tác xã, doanh nghiệp trong và ngoài tỉnh giới thiệu sản phẩm OCOP, chè, mật ong và dược liệu.",
        ["nông nghiệp", "OCOP"],
        False,
    ),
    (
        "0",
        "Tổng kết công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
        "",
        "Nhờ chủ động sơ tán người dân khỏi vùng nguy cơ sạt lở, mùa mưa bão năm nay không để xảy ra thiệt hại về người.",
        ["phòng chống thiên tai"],
        False,
    ),
    (
        "0",
        "Ra mắt Trung tâm phục vụ hành chính công cấp xã kiểu mẫu",
        "",
        "Người dân phường Trung Tâm nay có thể làm thủ tục đất đai, hộ tịch, bảo trợ xã hội tại một đầu mối, có hướng dẫn viên hỗ trợ nộp hồ sơ trực tuyến.",
        ["cải cách hành chính"],
        False,
    ),
    (
        "0/0",
        "Thường trực Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Bắc Sơn",
        "",
        "Đồng chí Bí thư Tỉnh ủy đề nghị huyện tập trung tháo gỡ vướng mắc trong giải phóng mặt bằng tuyến đường liên xã và nâng cao thu nhập cho đồng bào vùng cao.",
        ["Thường trực Tỉnh ủy", "Bắc Sơn"],
        False,
    ),
    (
        "0/0",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ ba",
        "",
        "Hội nghị cho ý kiến vào chương trình làm việc toàn khóa, quy chế làm việc của Ban Chấp hành và kế hoạch kiểm tra, giám sát năm tới.",
        ["Ban Chấp hành", "Hội nghị"],
        False,
    ),
    (
        "0/0",
        "Bí thư Tỉnh ủy tiếp công dân định kỳ tháng này",
        "",
        "Buổi tiếp công dân giải quyết dứt điểm ba vụ việc kéo dài liên quan đến bồi thường khi thu hồi đất làm khu công nghiệp phía Nam.",
        ["tiếp công dân"],
        False,
    ),
    (
        "1",
        "Nâng cao chất lượng sinh hoạt chi bộ ở cơ sở",
        "Xây dựng Đảng",
        "Nhiều chi bộ thôn, bản đã đổi mới nội dung sinh hoạt theo chuyên đề, gắn với việc giải quyết những vấn đề cụ thể của khu dân cư.",
        ["sinh hoạt chi bộ", "tổ chức cơ sở đảng"],
        False,
    ),
    (
        "1",
        "Kết nạp 1.250 đảng viên mới trong năm",
        "",
        "Công tác phát triển đảng viên được chú trọng ở khu vực doanh nghiệp ngoài nhà nước và vùng đồng bào dân tộc thiểu số.",
        ["phát triển đảng viên"],
        False,
    ),
    (
        "1",
        "Ủy ban Kiểm tra Tỉnh ủy triển khai chương trình giám sát chuyên đề",
        "",
        "Nội dung giám sát tập trung vào việc kê khai tài sản, thu nhập và thực hiện các kết luận sau kiểm tra.",
        ["kiểm tra giám sát"],
        False,
    ),
    (
        "1",
        "Học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh",
        "",
        "Hội nghị trực tuyến kết nối đến 142 điểm cầu cấp xã, thu hút hơn 9.000 cán bộ, đảng viên tham dự.",
        ["Nghị quyết", "học tập lý luận"],
        False,
    ),
    (
        "1",
        "Bồi dưỡng lý luận chính trị cho đảng viên trẻ",
        "",
        "Lớp bồi dưỡng dành cho đảng viên dưới 30 tuổi kết hợp bài giảng trực tuyến với đi thực tế tại các di tích lịch sử của tỉnh.",
        ["đảng viên trẻ", "học tập lý luận"],
        False,
    ),
    (
        "1",
        "Sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu quả",
        "",
        "Sau sắp xếp, đầu mối các cơ quan tham mưu giảm gần một phần ba, chức năng, nhiệm vụ được phân định rõ hơn.",
        ["tinh gọn bộ máy"],
        False,
    ),
    (
        "2",
        "Tăng trưởng kinh tế chín tháng đạt 8,1%",
        "Kinh tế",
        "Công nghiệp chế biến và du lịch là hai động lực chính; thu ngân sách ước đạt 86% dự toán cả năm.",
        ["tăng trưởng", "kinh tế"],
        False,
    ),
    (
        "2",
        "Khởi công tuyến đường kết nối các huyện miền núi phía Tây",
        "",
        "Tuyến đường dài 46 km được đầu tư từ ngân sách trung ương và địa phương, dự kiến hoàn thành sau ba năm.",
        ["hạ tầng giao thông"],
        False,
    ),
    (
        "2",
        "Hợp tác xã chè Suối Mây xuất khẩu lô hàng đầu tiên",
        "",
        "Lô hàng 20 tấn chè xanh đạt tiêu chuẩn hữu cơ mở ra hướng đi mới cho hơn 300 hộ trồng chè.",
        ["nông nghiệp", "OCOP", "xuất khẩu"],
        False,
    ),
    (
        "2",
        "Thu hút đầu tư vào khu công nghiệp phía Nam",
        "",
        "Bốn dự án sản xuất linh kiện điện tử và may mặc được trao chứng nhận đầu tư, tạo việc làm cho khoảng 5.000 lao động.",
        ["đầu tư", "khu công nghiệp"],
        False,
    ),
    (
        "2",
        "Giảm nghèo bền vững ở các xã đặc biệt khó khăn",
        "",
        "Tỷ lệ hộ nghèo đa chiều giảm 3,2 điểm phần trăm nhờ hỗ trợ sinh kế, nhà ở và đào tạo nghề.",
        ["giảm nghèo", "an sinh xã hội"],
        False,
    ),
    (
        "2",
        "Phát triển du lịch cộng đồng gắn với bảo tồn bản làng",
        "",
        "Ba bản du lịch cộng đồng đón hơn 40.000 lượt khách, người dân giữ được nhà sàn truyền thống và nghề dệt thổ cẩm.",
        ["du lịch"],
        False,
    ),
    (
        "2",
        "Hoàn thành cấp nước sạch cho 12 xã vùng cao",
        "",
        "Hệ thống cấp nước tự chảy mới giúp hơn 6.000 hộ dân chấm dứt cảnh thiếu nước vào mùa khô.",
        ["an sinh xã hội", "hạ tầng"],
        False,
    ),
    (
        "3",
        "Diễn tập khu vực phòng thủ tỉnh đạt kết quả tốt",
        "Quốc phòng",
        "Cuộc diễn tập kiểm nghiệm khả năng lãnh đạo, chỉ đạo của cấp ủy và sự phối hợp giữa các lực lượng trong tình huống giả định.",
        ["diễn tập", "quốc phòng"],
        False,
    ),
    (
        "3",
        "Ra quân huấn luyện lực lượng dân quân tự vệ",
        "",
        "Lực lượng dân quân được huấn luyện thêm kỹ năng cứu hộ, cứu nạn và phòng cháy, chữa cháy rừng.",
        ["dân quân tự vệ"],
        False,
    ),
    (
        "3",
        "Phát động phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "",
        "Các mô hình camera an ninh khu dân cư, tổ tự quản được nhân rộng, góp phần kéo giảm tội phạm trộm cắp tài sản.",
        ["an ninh trật tự"],
        False,
    ),
    (
        "3",
        "Bàn giao thanh niên lên đường nhập ngũ",
        "",
        "Toàn tỉnh có 1.100 thanh niên lên đường làm nghĩa vụ quân sự, bảo đảm chỉ tiêu và chất lượng tuyển quân.",
        ["tuyển quân"],
        False,
    ),
    (
        "3",
        "Tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm",
        "",
        "Lực lượng chức năng tăng cường tuần tra, xử lý vi phạm nồng độ cồn và tốc độ trên các tuyến quốc lộ qua tỉnh.",
        ["an toàn giao thông", "an ninh trật tự"],
        False,
    ),
    (
        "4",
        "Lễ hội Đền Sơn Hà được ghi danh di sản văn hóa phi vật thể",
        "Văn hóa",
        "Lễ hội diễn ra vào mùng mười tháng Giêng âm lịch với nghi lễ rước nước, hát xoan làng và các trò chơi dân gian.",
        ["di sản", "lễ hội"],
        False,
    ),
    (
        "4",
        "Học sinh Sơn Hà đạt 14 giải học sinh giỏi quốc gia",
        "Giáo dục",
        "Các em đoạt giải ở các môn Toán, Ngữ văn, Tin học và Tiếng Anh, thành tích cao nhất trong mười năm gần đây.",
        ["giáo dục", "học sinh giỏi"],
        False,
    ),
    (
        "4",
        "Khánh thành thư viện số tại các trường vùng cao",
        "",
        "Mỗi thư viện có máy tính, kết nối mạng và kho sách điện tử, giúp học sinh vùng cao tiếp cận tri thức như học sinh thành phố.",
        ["giáo dục", "chuyển đổi số"],
        False,
    ),
    (
        "4",
        "Bảo tồn nghề dệt thổ cẩm của đồng bào dân tộc",
        "",
        "Câu lạc bộ dệt thổ cẩm ở xã Nậm Lương truyền nghề cho gần 80 thiếu nữ, sản phẩm được bán trên sàn thương mại điện tử.",
        ["di sản", "dân tộc thiểu số"],
        False,
    ),
    (
        "4",
        "Tuần lễ văn hóa thể thao các dân tộc tỉnh Sơn Hà",
        "",
        "Hơn 1.500 diễn viên, vận động viên tham gia trình diễn trang phục, thi đẩy gậy, bắn nỏ và kéo co.",
        ["lễ hội", "thể thao"],
        False,
    ),
    (
        "4",
        "Tuyên dương giáo viên tiêu biểu cắm bản",
        "",
        "Năm mươi thầy cô có nhiều năm gắn bó với điểm trường lẻ được Chủ tịch UBND tỉnh tặng bằng khen.",
        ["giáo dục"],
        False,
    ),
]

# Paragraphs are built from these sentences, chosen per article with a fixed seed.
SENTENCES = {
    "common": [
        "Phát biểu tại buổi làm việc, lãnh đạo tỉnh ghi nhận những cố gắng của cấp ủy, chính quyền cơ sở trong thời gian qua.",
        "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế cần sớm khắc phục như tiến độ giải ngân vốn đầu tư công chưa đạt yêu cầu.",
        "Các đại biểu tập trung thảo luận, làm rõ nguyên nhân và đề xuất nhiều giải pháp thiết thực.",
        "Tỉnh ủy yêu cầu các sở, ngành phối hợp chặt chẽ, kịp thời tháo gỡ khó khăn cho địa phương và doanh nghiệp.",
        "Người dân bày tỏ sự đồng tình và mong muốn các chủ trương sớm đi vào cuộc sống.",
        "Kết quả này tạo tiền đề quan trọng để tỉnh hoàn thành các chỉ tiêu của năm và cả nhiệm kỳ.",
        "Thời gian tới, tỉnh tiếp tục đẩy mạnh cải cách hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh.",
        "Công tác thông tin, tuyên truyền được thực hiện kịp thời, tạo đồng thuận trong cán bộ, đảng viên và nhân dân.",
        "Các cơ quan chức năng được giao rà soát, tổng hợp kiến nghị và báo cáo kết quả trước ngày 15 của tháng sau.",
        "Đoàn công tác đã đi kiểm tra thực tế tại công trình và trao đổi trực tiếp với người dân địa phương.",
    ],
    "0": [
        "Chương trình được tổ chức trang trọng với sự tham dự của đại diện lãnh đạo các ban, sở, ngành và đông đảo nhân dân.",
        "Ban tổ chức đã chuẩn bị chu đáo, bảo đảm an toàn tuyệt đối cho các hoạt động diễn ra liên tục trong nhiều ngày.",
        "Đây là dịp để tỉnh giới thiệu tiềm năng, thế mạnh và hình ảnh con người Sơn Hà thân thiện, năng động.",
    ],
    "1": [
        "Việc đổi mới phương thức lãnh đạo của Đảng được xác định là nhiệm vụ then chốt, thường xuyên.",
        "Cấp ủy các cấp chú trọng công tác kiểm tra, giám sát, kịp thời chấn chỉnh những biểu hiện tiêu cực.",
        "Đảng viên được phân công nhiệm vụ cụ thể, gắn trách nhiệm cá nhân với kết quả thực hiện.",
    ],
    "2": [
        "Sản lượng nhiều mặt hàng nông sản chủ lực tăng so với cùng kỳ, giá bán ổn định.",
        "Tỉnh tiếp tục cải thiện môi trường đầu tư kinh doanh, rút ngắn thời gian giải quyết thủ tục cho nhà đầu tư.",
        "Nguồn vốn được ưu tiên cho các công trình hạ tầng thiết yếu phục vụ sản xuất và đời sống.",
    ],
    "3": [
        "Các lực lượng phối hợp nhịp nhàng, xử lý tình huống nhanh, đúng phương án đã được phê duyệt.",
        "Thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân tiếp tục được củng cố vững chắc.",
        "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
    ],
    "4": [
        "Nhiều giá trị văn hóa truyền thống được phục dựng, trao truyền cho thế hệ trẻ.",
        "Ngành giáo dục chú trọng đổi mới phương pháp dạy học, nâng cao chất lượng giáo dục toàn diện.",
        "Phong trào văn hóa, văn nghệ, thể dục thể thao ở cơ sở diễn ra sôi nổi, thu hút đông đảo người dân tham gia.",
    ],
}

QUOTES = [
    (
        "Mỗi cán bộ, đảng viên phải là một tấm gương về tinh thần trách nhiệm, dám nghĩ, dám làm vì lợi ích chung.",
        "Bí thư Tỉnh ủy Sơn Hà",
    ),
    (
        "Chúng tôi lấy sự hài lòng của người dân làm thước đo hiệu quả phục vụ của bộ máy chính quyền.",
        "Chủ tịch UBND tỉnh Sơn Hà",
    ),
    (
        "Được hỗ trợ giống và kỹ thuật, bà con trong bản đã yên tâm bám đất, bám rừng.",
        "Ông Lò Văn Piềng, Trưởng bản Suối Mây",
    ),
]

TABLE = {
    "caption": "Một số chỉ tiêu chủ yếu (số liệu minh họa)",
    "rows": [
        ["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
        ["Tốc độ tăng trưởng (%)", "8,0", "8,1"],
        ["Thu ngân sách (tỷ đồng)", "9.500", "8.170"],
        ["Tỷ lệ hộ nghèo giảm (điểm %)", "3,0", "3,2"],
    ],
}
