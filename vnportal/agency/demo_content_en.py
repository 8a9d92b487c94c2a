"""The English version of the demo agency (`vnportal demo`): as fictional as the Vietnamese one.

Keyed by the Vietnamese names and slugs of demo_content.py. Vietnamese personal and place names
are written without diacritics, as agencies usually do in English.
"""

OFFICE = "1 Tran Hung Dao Street, Trung Tam Ward, Son Ha Province"

SITE = {
    "english_agency_name": "E-Information Portal of the Son Ha Provincial Party Committee",
    "english_agency_subtitle": "Son Ha Province, Viet Nam",
    "english_address": OFFICE,
    "english_copyright_notice": "Please cite the source when republishing information from this portal.",
}

HOME_TITLE = "Home"
HOME_INTRO = (
    "The Son Ha Provincial Party Committee presents its organisation, functions, leadership and contacts in "
    "English. News, documents and services are published in Vietnamese."
)

# Vietnamese unit name: (English name, short name, address, functions)
UNITS = {
    "Ban Chấp hành Đảng bộ tỉnh": (
        "Executive Committee of the Provincial Party Organisation",
        "Executive Committee",
        OFFICE,
        "<p>The leading body of the provincial Party organisation between two congresses; it decides the main "
        "political, economic, social, defence and security questions of the province and the building of the "
        "Party.</p>",
    ),
    "Ban Thường vụ Tỉnh ủy": (
        "Standing Board of the Provincial Party Committee",
        "Standing Board",
        OFFICE,
        "<p>Leads and directs the implementation of the Executive Committee's resolutions between its meetings, "
        "decides personnel matters within its remit and prepares the committee's meetings.</p>",
    ),
    "Văn phòng Tỉnh ủy": (
        "Office of the Provincial Party Committee",
        "Office",
        OFFICE,
        "<p>Organises and runs the work of the Provincial Party Committee, its Standing Board and its Permanent "
        "members; the committee's centre of information.</p><ul><li>Prepares the work programme and the "
        "schedule of the Permanent members.</li><li>Manages records, archives, cryptography and information "
        "technology.</li><li>Manages the finances and property of the committee's offices.</li></ul>",
    ),
    "Phòng Tổng hợp": (
        "General Affairs Division",
        "",
        OFFICE,
        "<p>Follows the situation, drafts reports and work programmes, and follows up the conclusions of the "
        "Permanent members.</p>",
    ),
    "Phòng Hành chính - Lưu trữ": (
        "Administration and Archives Division",
        "",
        OFFICE,
        "<p>Receives and dispatches documents, keeps the seals and the archives of the provincial Party "
        "organisation.</p>",
    ),
    "Phòng Quản trị - Tài chính": (
        "Finance and Facilities Division",
        "",
        OFFICE,
        "<p>Manages the budget, property, guest house and vehicles of the committee's offices.</p>",
    ),
    "Ban Tổ chức Tỉnh ủy": (
        "Organisation Commission",
        "",
        "3 Tran Hung Dao Street, Trung Tam Ward, Son Ha Province",
        "<p>Advises on organisation, personnel, Party membership and internal political protection.</p>",
    ),
    "Ban Tuyên giáo và Dân vận Tỉnh ủy": (
        "Commission for Communication, Education and Mass Mobilisation",
        "",
        "5 Le Loi Street, Trung Tam Ward, Son Ha Province",
        "<p>Advises on ideology, theory, the press, publishing, culture, science and education, and on the "
        "work with the people of the province's political system.</p>",
    ),
    "Ủy ban Kiểm tra Tỉnh ủy": (
        "Inspection Commission",
        "",
        "7 Le Loi Street, Trung Tam Ward, Son Ha Province",
        "<p>Inspects and supervises compliance with the Party's statutes, resolutions and directives, and "
        "handles complaints and denunciations within its remit.</p>",
    ),
    "Ban Nội chính Tỉnh ủy": (
        "Internal Affairs Commission",
        "",
        "9 Le Loi Street, Trung Tam Ward, Son Ha Province",
        "<p>Advises on internal affairs, the fight against corruption and waste, and judicial reform.</p>",
    ),
    "Trường Chính trị tỉnh Sơn Hà": (
        "Son Ha Provincial School of Politics",
        "",
        "25 Nguyen Trai Street, Doi Thong Ward, Son Ha Province",
        "<p>Trains officials and Party members of the province in political theory and public administration.</p>",
    ),
}

# Vietnamese full name: (English name, position, biography)
PEOPLE = {
    "Nguyễn Hoàng Long": (
        "Nguyen Hoang Long",
        "Secretary of the Provincial Party Committee",
        "<p>Born in 1970 in Thuong Nguon Commune, Son Ha Province. Master of Economic Management.</p><p>A former "
        "irrigation engineer, Chairman of the Song Dao District People's Committee and Head of the Organisation "
        "Commission; elected Secretary at the 17th Congress of the provincial Party organisation.</p>",
    ),
    "Lê Thị Thu Hà": (
        "Le Thi Thu Ha",
        "Permanent Deputy Secretary of the Provincial Party Committee",
        "<p>Born in 1974 in Ben Da Ward, Son Ha Province. Doctor of Law.</p><p>Formerly Head of the Mass "
        "Mobilisation Commission and Chair of the provincial Fatherland Front; in charge of Party building.</p>",
    ),
    "Phạm Quốc Việt": (
        "Pham Quoc Viet",
        "Deputy Secretary of the Provincial Party Committee, Chairman of the Provincial People's Committee",
        "<p>Born in 1972 in Dong Xanh Commune, Son Ha Province. Doctor of Development Economics.</p><p>Formerly "
        "Director of the Department of Planning and Investment and Vice-Chairman of the Provincial People's "
        "Committee in charge of the economy.</p>",
    ),
    "Trần Minh Khôi": (
        "Tran Minh Khoi",
        "Member of the Standing Board, Chief of the Office of the Provincial Party Committee",
        "<p>Born in 1976 in Trung Tam Ward, Son Ha Province. Master of Public Administration.</p><p>Has worked in "
        "the committee's Office for many years; responsible for the content of this portal.</p>",
    ),
    "Đỗ Thị Mai Anh": (
        "Do Thi Mai Anh",
        "Member of the Standing Board, Head of the Organisation Commission",
        "<p>Born in 1978 in Hoa Binh Thuong Commune, Son Ha Province. Master of Party Building and State "
        "Administration.</p><p>Formerly Secretary of the Rung Thong District Party Committee; Head of the "
        "Organisation Commission since 2025.</p>",
    ),
    "Vũ Văn Bình": ("Vu Van Binh", "Head of the General Affairs Division", ""),
    "Hoàng Thị Lan": ("Hoang Thi Lan", "Head of the Administration and Archives Division", ""),
    "Ngô Đức Thắng": ("Ngo Duc Thang", "Head of the Commission for Communication and Mass Mobilisation", ""),
    "Bùi Thanh Tùng": ("Bui Thanh Tung", "Chairman of the Inspection Commission", ""),
    "Đặng Hữu Nghĩa": ("Dang Huu Nghia", "Head of the Internal Affairs Commission", ""),
    "Lý Thị Hồng": ("Ly Thi Hong", "Principal", ""),
}

INDEX = (
    "about",
    "About us",
    "<p>The Son Ha provincial Party organisation leads every part of the political, economic and social life "
    "of the province. These pages present its functions, organisation and leaders, and the history and "
    "geography of Son Ha.</p>",
)

# Vietnamese slug: (English slug, title, search description, body)
PAGES = {
    "chuc-nang-nhiem-vu": (
        "functions-and-duties",
        "Functions and duties",
        "The functions and duties of the Son Ha Provincial Party Committee and its advisory bodies.",
        "<p>The Son Ha Provincial Party Committee is the leading body of the provincial Party organisation between "
        "two congresses. It leads the implementation of the Party's platform, statutes and resolutions.</p>"
        "<p>Its advisory and support bodies have the following functions and duties.</p>",
    ),
    "co-cau-to-chuc": (
        "organisation",
        "Organisation",
        "The organisation chart of the Son Ha provincial Party organisation.",
        "<p>The chart below shows the bodies of the provincial Party organisation and which body each reports to. "
        "Choose a unit to see its functions and contacts.</p>",
    ),
    "lanh-dao-tinh": (
        "leadership",
        "Leadership",
        "The Permanent members and the Standing Board of the Son Ha Provincial Party Committee, 2025–2030.",
        "<p>The Permanent members and the members of the Standing Board of the Son Ha Provincial Party Committee "
        "for the 2025–2030 term.</p>",
    ),
    "lich-su": (
        "history",
        "History",
        "Milestones in the history of the Party organisation and the people of Son Ha.",
        "<p>People have lived in Son Ha since early times, along the Dao River and in the valleys below Mau Son "
        "mountain.</p><h2>Milestones</h2><ul><li>1930: the area's first Party cell is founded in Ben Da "
        "village.</li><li>1945: the people of Son Ha take power in the August Revolution.</li><li>1997: Son Ha "
        "Province is re-established with nine districts.</li><li>2025: after the reorganisation of local "
        "government the province has 42 communes and wards.</li></ul>",
    ),
    "dieu-kien-tu-nhien": (
        "geography",
        "Geography",
        "Location, terrain, climate and natural resources of Son Ha Province.",
        "<h2>Location</h2><p>Son Ha is a midland and mountain province of about 4,860 km².</p><h2>Terrain and "
        "climate</h2><p>The land falls from the north-west to the south-east: high mountains, low hills and the "
        "plain of the Dao River. The climate is tropical monsoon, about 23 °C on average.</p>"
        "<h2>Resources</h2><p>Forest covers 52% of the province; tea and fruit grow on its red soils.</p>",
    ),
    "ban-do-hanh-chinh": (
        "administrative-map",
        "Administrative map",
        "The administrative map of Son Ha Province and its five areas.",
        "<p>Son Ha Province has 42 communes and wards (12 wards, 30 communes) in five areas, each in its own "
        "colour on the map:</p><ul><li>Centre (red): Trung Tam, Ben Da, Doi Thong and nine other wards.</li>"
        "<li>North (green): eight communes of the Mau Son mountains.</li><li>West (yellow): seven communes of "
        "the tea hills.</li><li>East (blue): eight communes along the Dao River.</li><li>South (orange): seven "
        "communes of the plain.</li></ul>",
    ),
    "tuyen-bo-tro-nang": (
        "accessibility",
        "Accessibility statement",
        "How the Son Ha portal makes sure everybody can read and use it.",
        "<p>The editors of this portal want everybody, including people with disabilities and older people, to "
        "be able to read and use it.</p><h2>Conformance</h2><p>The portal follows the Web Content Accessibility "
        "Guidelines (WCAG) 2.1 at level AA.</p><h2>What the portal offers</h2><ul><li>A “Skip to main content” "
        "link on every page.</li><li>Full keyboard navigation.</li><li>Three text sizes (A-, A, A+) in the "
        "header.</li></ul>",
    ),
}

MAP_CAPTION = "Administrative map of Son Ha Province: five areas (illustration)"

CONTACT = (
    "contact",
    "Contact",
    "How to reach the Son Ha Provincial Party Committee.",
    "<p>Office of the Provincial Party Committee<br>1 Tran Hung Dao Street, Trung Tam Ward, Son Ha Province<br>"
    "Telephone: 0200 3 800 810<br>E-mail: vanphong@sonha.example.vn</p><p>The Office answers letters in "
    "English or Vietnamese within fifteen working days. The contacts of each commission and division are "
    "listed below with their functions.</p>",
)
