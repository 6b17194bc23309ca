"""Tests of the conclusion-notice parser (DOMAIN.md §2). Plain functions: no database."""

import datetime
import io
import json
from pathlib import Path

import pytest

from assignments.parsing import (
    ParsedItem,
    normalize,
    parse_conclusion,
    parse_deadline,
    read_document_text,
    split_units,
)

FIXTURES = Path(__file__).parent / "fixtures" / "conclusions"
KEYS = ("kind", "recipients", "coordinators", "deadline")

# What the database would pass: names, short names, and a few traps (a bare "Sở", a
# shorter "Phòng Kinh tế" inside a longer name, aliases without diacritics).
KNOWN_UNITS = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Kinh tế",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa - Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Văn phòng HĐND và UBND huyện",
    "Văn phòng HĐND và UBND phường",
    "Van phong UBND tinh",
    "UBND huyện",
    "UBND",
    "Sở",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Bưu điện huyện",
    "Bưu điện tỉnh",
    "Trung tâm Phục vụ hành chính công phường",
    "Công an phường",
    "Văn phòng HĐND&UBND huyện",
    "Văn phòng HĐND và UBND xã",
    "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện",
    "Sở Tài chính",
    "Kho bạc Nhà nước khu vực XX",
    "Phòng Văn hóa - Xã hội",
    "Bưu điện văn hóa xã",
    "Trung tâm Phục vụ hành chính công xã",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
]


def _keys(items: list[ParsedItem]) -> list[dict]:
    return [{k: item.as_dict()[k] for k in KEYS} for item in items]


def _parse(text: str, known: list[str] | None = None) -> list[dict]:
    return _keys(parse_conclusion(text, known_units=known or ()))


# --- The shared examples ------------------------------------------------------------


SAMPLES = [
    "01-huyen-cchc-quy-iii",
    "02-tinh-so-nganh",
    "03-xa-hai-cap",
    "04-tinh-bao-chi",
    "05-huyen-cong-van",
    "06-xa-buoi-lam-viec",
]


@pytest.mark.parametrize("known", [[], KNOWN_UNITS], ids=["no-known-units", "known-units"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_shared_example_txt(sample: str, known: list[str]) -> None:
    expected = json.loads((FIXTURES / f"{sample}.expected.json").read_text(encoding="utf-8"))
    text = read_document_text(FIXTURES / f"{sample}.txt")
    assert _parse(text, known) == expected


@pytest.mark.parametrize("known", [[], KNOWN_UNITS], ids=["no-known-units", "known-units"])
def test_shared_example_pdf_gives_the_txt_items(known: list[str]) -> None:
    expected = json.loads((FIXTURES / "05-huyen-cong-van.expected.json").read_text(encoding="utf-8"))
    from_pdf = parse_conclusion(read_document_text(FIXTURES / "05-huyen-cong-van.pdf"), known_units=known)
    assert _keys(from_pdf) == expected


@pytest.mark.parametrize("known", [[], KNOWN_UNITS], ids=["no-known-units", "known-units"])
def test_shared_example_docx_gives_the_txt_items(known: list[str]) -> None:
    expected = json.loads((FIXTURES / "02-tinh-so-nganh.expected.json").read_text(encoding="utf-8"))
    from_docx = parse_conclusion(read_document_text(FIXTURES / "02-tinh-so-nganh.docx"), known_units=known)
    from_txt = parse_conclusion(read_document_text(FIXTURES / "02-tinh-so-nganh.txt"), known_units=known)
    assert _keys(from_docx) == expected
    assert [i.as_dict() for i in from_docx] == [i.as_dict() for i in from_txt]


def test_items_keep_their_full_text_and_serialise_to_json() -> None:
    items = parse_conclusion(read_document_text(FIXTURES / "01-huyen-cchc-quy-iii.txt"))
    first = items[0].as_dict()
    assert list(first) == ["kind", "recipients", "coordinators", "deadline", "text"]
    assert first["text"] == (
        "Giao Phòng Tư pháp: Chủ trì, phối hợp với Văn phòng HĐND và UBND huyện rà soát, đánh giá thủ tục "
        "hành chính theo kế hoạch năm 2024; hoàn thành trước ngày 30/09/2024."
    )
    json.dumps([i.as_dict() for i in items], ensure_ascii=False)  # JSON-ready
    assert items[0].deadline == datetime.date(2024, 9, 30)


# --- A harder notice: structure, noise and wrapped lines -------------------------------

HARD_NOTICE = """ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 120/TB-UBND                         Tân Phú, ngày 16 tháng 10 năm 2026

THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban cải cách hành chính quý III năm 2026

Chủ tịch UBND huyện chủ trì cuộc họp ngày 10/10/2026 về công tác cải cách hành chính. Tham dự có
Phòng Nội vụ, Phòng Tư pháp. Sau khi nghe báo cáo, Chủ tịch UBND huyện kết luận như sau:

I. ĐÁNH GIÁ CHUNG
1. Kết quả đạt được: các cơ quan, đơn vị đã triển khai cơ bản đầy đủ kế hoạch.
2. Tồn tại, hạn chế:
- Văn phòng HĐND và UBND huyện: chưa kịp thời cập nhật tài liệu ISO.
- Phòng Tư pháp chủ trì rà soát thủ tục nhưng còn chậm.

II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI
1. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tài chính - Kế hoạch và
Văn phòng HĐND và UBND huyện tham mưu UBND huyện ban hành Kế hoạch cải cách
hành chính năm 2027, trình UBND huyện trước ngày 15/12/2026.
2. Phòng Văn hóa và Thông tin: phối hợp Trung tâm Văn hóa, Thể thao và Truyền thanh huyện tuyên truyền về dịch vụ công trực tuyến; thực hiện thường xuyên.
3. Giao Phòng Kinh tế và Hạ tầng, Phòng Tài nguyên và Môi trường, UBND các xã, thị trấn:
a) Rà soát, cập nhật quy trình nội bộ giải quyết thủ tục hành chính, hoàn thành trong tháng 11/2026.
b) Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa trong Quý IV.
4. Yêu câu Chủ tịch UBND các xã, thị trấn chỉ đạo số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hoàn thành trong 6 tháng đầu năm 2027.
5. Đê nghị Bưu điện huyện và Viettel Tân Phú phối hợp với các xã hỗ trợ người dân nộp hồ sơ trực tuyến trong năm 2026.
6. Giáo Công an huyện phối hợp với Phòng Tư pháp, Phòng Văn hóa - Xã hội thực hiện cấp Phiếu lý lịch tư pháp trực tuyến, báo cáo kết quả hằng quý.
+ Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện: tổ chức họp ngày 20/10/2026 để quán triệt, hoàn thành trong Quý II/2027.

Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Phòng Nội vụ: để thực hiện;
- Giao Phòng Tư pháp;
- Lưu: VT.
KT. CHỦ TỊCH
"""

HARD_EXPECTED = [
    {
        "kind": "assign",
        "recipients": ["Phòng Nội vụ"],
        "coordinators": ["Phòng Tài chính - Kế hoạch", "Văn phòng HĐND và UBND huyện"],
        "deadline": "2026-12-15",
    },
    # "phối hợp" without "với" names no coordinator; "thường xuyên" has no deadline.
    {"kind": "assign", "recipients": ["Phòng Văn hóa và Thông tin"], "coordinators": [], "deadline": None},
    # A "Giao X:" header whose tasks are the sub-entries: one item per sub-entry.
    {
        "kind": "assign",
        "recipients": ["Phòng Kinh tế và Hạ tầng", "Phòng Tài nguyên và Môi trường", "UBND các xã, thị trấn"],
        "coordinators": [],
        "deadline": "2026-11-30",
    },
    {
        "kind": "assign",
        "recipients": ["Phòng Kinh tế và Hạ tầng", "Phòng Tài nguyên và Môi trường", "UBND các xã, thị trấn"],
        "coordinators": [],
        "deadline": "2026-12-31",  # "Quý IV" without a year: the notice's year
    },
    {"kind": "assign", "recipients": ["Chủ tịch UBND các xã, thị trấn"], "coordinators": [], "deadline": "2027-06-30"},
    {
        "kind": "request",
        "recipients": ["Bưu điện huyện", "Viettel Tân Phú"],
        "coordinators": ["các xã"],
        "deadline": "2026-12-31",
    },
    {
        "kind": "assign",
        "recipients": ["Công an huyện"],
        "coordinators": ["Phòng Tư pháp", "Phòng Văn hóa - Xã hội"],
        "deadline": None,
    },
    # The meeting date "họp ngày 20/10/2026" is not the deadline.
    {
        "kind": "assign",
        "recipients": ["Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện"],
        "coordinators": [],
        "deadline": "2027-06-30",
    },
]


@pytest.mark.parametrize("known", [[], KNOWN_UNITS], ids=["no-known-units", "known-units"])
def test_hard_notice(known: list[str]) -> None:
    assert _parse(HARD_NOTICE, known) == HARD_EXPECTED


def test_hard_notice_with_windows_line_endings_and_non_breaking_spaces() -> None:
    text = HARD_NOTICE.replace("\n", "\r\n").replace("Giao Phòng Nội vụ", "Giao\u00a0Phòng\u00a0Nội vụ")
    text = text.replace("Phòng Tư pháp, Phòng", "Phòng\u00a0Tư pháp,\u00a0Phòng")
    assert _parse("\ufeff" + text) == HARD_EXPECTED


def test_hard_notice_text_is_joined_over_line_breaks() -> None:
    items = parse_conclusion(HARD_NOTICE)
    assert items[0].text == (
        "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tài chính - Kế hoạch và Văn phòng HĐND và UBND huyện "
        "tham mưu UBND huyện ban hành Kế hoạch cải cách hành chính năm 2027, trình UBND huyện trước ngày "
        "15/12/2026."
    )
    # A sub-entry carries its header so that the task reads on its own.
    assert items[2].text.startswith("Giao Phòng Kinh tế và Hạ tầng, Phòng Tài nguyên và Môi trường, UBND các xã")
    assert items[2].text.endswith(
        "Rà soát, cập nhật quy trình nội bộ giải quyết thủ tục hành chính, hoàn thành trong tháng 11/2026."
    )


def test_nothing_from_headings_assessment_opening_closing_or_recipients_list() -> None:
    texts = [item.text for item in parse_conclusion(HARD_NOTICE)]
    joined = " ".join(texts)
    for noise in ("chưa kịp thời cập nhật", "còn chậm", "Tham dự có", "thông báo để", "Lưu: VT", "NHIỆM VỤ TRỌNG TÂM"):
        assert noise not in joined
    assert not any(t.startswith(("Số:", "Chủ tịch UBND huyện chủ trì cuộc họp", "Giao Phòng Tư pháp;")) for t in texts)


def test_pdf_copy_with_wrapped_lines_and_no_numbering() -> None:
    text = """THÔNG BÁO KẾT LUẬN
Ngày 02/3/2026, Chủ tịch UBND xã chủ trì hội nghị triển khai nhiệm vụ cải cách hành chính
năm 2026. Chủ tịch UBND xã kết luận:
Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với Công an xã và Ban Chỉ huy
Quân sự xã rà soát, cập nhật danh mục thủ tục hành chính; hoàn thành trước
ngày 31 tháng 3 năm 2026.
Công chức Văn hóa - Xã hội: hướng dẫn
các thôn lập hồ sơ công việc; hoàn thành trong Quý II/2026.
Trung tâm Phục vụ hành chính công xã chủ trì tiếp nhận hồ sơ
theo Nghị định 118/2025/NĐ-CP, trong tháng 4/2026.
Trên đây là kết luận của Chủ tịch UBND xã, đề nghị các đơn vị nghiêm túc thực hiện./.
"""
    assert _parse(text) == [
        {
            "kind": "assign",
            "recipients": ["Văn phòng HĐND và UBND xã"],
            "coordinators": ["Công an xã", "Ban Chỉ huy Quân sự xã"],
            "deadline": "2026-03-31",
        },
        {"kind": "assign", "recipients": ["Công chức Văn hóa - Xã hội"], "coordinators": [], "deadline": "2026-06-30"},
        {
            "kind": "assign",
            "recipients": ["Trung tâm Phục vụ hành chính công xã"],
            "coordinators": [],
            "deadline": "2026-04-30",
        },
    ]


def test_marker_alone_on_its_line_and_varied_markers() -> None:
    text = """Kết luận như sau:
1.
Giao Phòng Nội vụ tổng hợp báo cáo trước ngày 05/01/2027.
(2) Giao Phòng Tư pháp rà soát văn bản.
đ) Yêu cầu Thủ trưởng các cơ quan chuyên môn tự kiểm tra.
• Đề nghị Kho bạc Nhà nước khu vực hỗ trợ thanh toán trực tuyến.
1.2. Sở Y tế chủ trì, phối hợp Sở Nội vụ rà soát quy trình.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": "2027-01-05"},
        {"kind": "assign", "recipients": ["Phòng Tư pháp"], "coordinators": [], "deadline": None},
        {"kind": "assign", "recipients": ["Thủ trưởng các cơ quan chuyên môn"], "coordinators": [], "deadline": None},
        {"kind": "request", "recipients": ["Kho bạc Nhà nước khu vực"], "coordinators": [], "deadline": None},
        {"kind": "assign", "recipients": ["Sở Y tế"], "coordinators": [], "deadline": None},
    ]


def test_assessment_given_as_one_numbered_entry_ends_at_the_next_entry() -> None:
    text = """1. Đánh giá chung: Phòng Nội vụ đã tham mưu tốt; tỷ lệ hồ sơ trực tuyến đạt 45%.
- Phòng Tư pháp: còn chậm cập nhật cơ sở dữ liệu.
2. Phòng Tư pháp: cập nhật cơ sở dữ liệu hộ tịch, hoàn thành trước ngày 30/6/2026.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Tư pháp"], "coordinators": [], "deadline": "2026-06-30"},
    ]


def test_upper_case_headings_that_start_like_items_are_not_items() -> None:
    text = """III. GIAO NHIỆM VỤ CỤ THỂ
Giao nhiệm vụ:
Số hóa hồ sơ: tỷ lệ còn thấp.
Phòng, chống tham nhũng: thực hiện nghiêm.
Giáo dục nghề nghiệp: chưa được quan tâm.
1. Giao Phòng Giáo dục và Đào tạo: triển khai chữ ký số cho các trường.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Giáo dục và Đào tạo"], "coordinators": [], "deadline": None},
    ]


def test_header_without_sub_entries_is_an_item_and_sub_entries_may_be_items_themselves() -> None:
    text = """1. Giao Phòng Nội vụ:
2. Giao các phòng chuyên môn:
a) Phòng Tư pháp: rà soát thủ tục trong tháng 12/2026.
b) Phòng Y tế chủ trì, phối hợp với Trạm Y tế các xã kiểm tra an toàn thực phẩm.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": None},
        {"kind": "assign", "recipients": ["Phòng Tư pháp"], "coordinators": [], "deadline": "2026-12-31"},
        {"kind": "assign", "recipients": ["Phòng Y tế"], "coordinators": ["Trạm Y tế các xã"], "deadline": None},
    ]


def test_group_recipients_and_office_holders_stay_whole() -> None:
    text = """- Giao Chủ tịch UBND các xã, thị trấn: tuyên truyền thủ tục trực tuyến.
- Yêu cầu Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh và Giám đốc các sở, ban, ngành rà soát thủ tục.
- Giao đồng chí Phó Chủ tịch UBND huyện chỉ đạo triển khai.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Chủ tịch UBND các xã, thị trấn"], "coordinators": [], "deadline": None},
        {
            "kind": "assign",
            "recipients": ["Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh", "Giám đốc các sở, ban, ngành"],
            "coordinators": [],
            "deadline": None,
        },
        {"kind": "assign", "recipients": ["đồng chí Phó Chủ tịch UBND huyện"], "coordinators": [], "deadline": None},
    ]


def test_known_units_keep_names_that_contain_task_words() -> None:
    text = "Giao Ban Quản lý dự án đầu tư xây dựng huyện và Phòng Nội vụ hoàn thiện hồ sơ trước ngày 1/12/2026."
    known = ["Ban Quản lý dự án đầu tư xây dựng huyện", "Phòng Nội vụ"]
    assert _parse(text, known)[0]["recipients"] == ["Ban Quản lý dự án đầu tư xây dựng huyện", "Phòng Nội vụ"]
    # Without the database the name is cut at its verb "xây dựng"; the item is still found.
    assert _parse(text)[0]["recipients"] == ["Ban Quản lý dự án đầu tư"]


def test_known_units_allow_splitting_before_names_without_a_start_word() -> None:
    text = "Đề nghị Bưu điện tỉnh, VNPT Tân Phú, MobiFone Tân Phú hỗ trợ kết nối."
    assert _parse(text)[0]["recipients"] == ["Bưu điện tỉnh", "VNPT Tân Phú, MobiFone Tân Phú"]
    assert _parse(text, ["MobiFone Tân Phú"])[0]["recipients"] == ["Bưu điện tỉnh", "VNPT Tân Phú", "MobiFone Tân Phú"]


def test_coordinators_from_every_phoi_hop_voi_without_duplicates_or_the_lead() -> None:
    text = (
        "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát thủ tục; phối hợp chặt chẽ với "
        "Phòng Tư pháp và UBND các xã, thị trấn tuyên truyền; Phòng Nội vụ phối hợp cùng Phòng Nội vụ."
    )
    assert _parse(text)[0]["coordinators"] == ["Phòng Tư pháp", "UBND các xã, thị trấn"]


def test_unit_names_with_va_and_commas() -> None:
    text = (
        "Giao Sở Khoa học và Công nghệ, Sở Văn hóa, Thể thao và Du lịch và Văn phòng HĐND và UBND tỉnh "
        "phối hợp với Sở Lao động - Thương binh và Xã hội, Sở Tài nguyên và Môi trường thực hiện."
    )
    assert _parse(text) == [
        {
            "kind": "assign",
            "recipients": [
                "Sở Khoa học và Công nghệ",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Văn phòng HĐND và UBND tỉnh",
            ],
            "coordinators": ["Sở Lao động - Thương binh và Xã hội", "Sở Tài nguyên và Môi trường"],
            "deadline": None,
        }
    ]


@pytest.mark.parametrize(
    ("line", "kind", "recipients"),
    [
        ("Giao Phòng Nội vụ thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("Giáo Phòng Nội vụ thực hiện.", "assign", ["Phòng Nội vụ"]),  # slip in the verb
        ("Giao cho Phòng Nội vụ thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("Yêu cầu Phòng Nội vụ thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("YÊU CẦU Phòng Nội vụ thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("Đề nghị Bưu điện huyện thực hiện.", "request", ["Bưu điện huyện"]),
        ("De nghi Buu dien huyen thuc hien.", "request", ["Buu dien huyen"]),  # typed without diacritics
        ("Phòng Nội vụ: thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("Phong Noi vu: thuc hien.", "assign", ["Phong Noi vu"]),
        ("Phòng Nội vụ chủ trì thực hiện.", "assign", ["Phòng Nội vụ"]),
        ("Uỷ ban nhân dân các xã: thực hiện.", "assign", ["Uỷ ban nhân dân các xã"]),  # old tone placement
    ],
)
def test_item_openings(line: str, kind: str, recipients: list[str]) -> None:
    assert _parse(line) == [{"kind": kind, "recipients": recipients, "coordinators": [], "deadline": None}]


@pytest.mark.parametrize(
    "line",
    [
        "Phòng Nội vụ thực hiện tốt nhiệm vụ.",  # a unit, but neither ":" nor "chủ trì"
        "Chủ tịch UBND huyện chủ trì cuộc họp sáng ngày 12/9/2026.",  # the opening
        "Số: 45/TB-UBND",
        "Yêu cầu chung: bảo đảm tiến độ.",
        "Đề nghị:",
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
        "THÔNG BÁO KẾT LUẬN",
        "Giao thông nông thôn: đã hoàn thành.",
    ],
)
def test_not_items(line: str) -> None:
    assert parse_conclusion(line) == []


def test_recipients_list_after_noi_nhan_is_ignored_even_when_it_looks_like_items() -> None:
    text = "Giao Phòng Nội vụ thực hiện.\nNơi nhận:\n- Giao Phòng Tư pháp: để biết;\n- Sở Nội vụ: để b/c;\n"
    assert _parse(text) == [{"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": None}]


def test_empty_text() -> None:
    assert parse_conclusion("") == []
    assert parse_conclusion("\n \r\n\u00a0\n") == []


# --- Deadlines ---------------------------------------------------------------------------------

REF = datetime.date(2026, 10, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành trước ngày 15/12/2026", datetime.date(2026, 12, 15)),
        ("trước ngày 15 tháng 12 năm 2026", datetime.date(2026, 12, 15)),
        ("gửi Sở Nội vụ trước ngày 31/3/2026.", datetime.date(2026, 3, 31)),
        ("chậm nhất là ngày 05-01-2027", datetime.date(2027, 1, 5)),
        ("thời hạn: 30.9.2026", datetime.date(2026, 9, 30)),
        ("hoàn thành trong tháng 11/2026", datetime.date(2026, 11, 30)),
        ("trong tháng 2 năm 2028", datetime.date(2028, 2, 29)),
        ("trong Quý II/2026", datetime.date(2026, 6, 30)),
        ("hoàn thành trong quý 3 năm 2026", datetime.date(2026, 9, 30)),
        ("trong năm 2026", datetime.date(2026, 12, 31)),
        ("trong 6 tháng đầu năm 2026", datetime.date(2026, 6, 30)),
        ("hoàn thành trong 6 tháng cuối năm 2026", datetime.date(2026, 12, 31)),
        ("trước tháng 11/2026", datetime.date(2026, 10, 31)),
        ("trước Quý I/2027", datetime.date(2026, 12, 31)),
        ("hoàn thành trước năm 2027", datetime.date(2026, 12, 31)),
        ("truoc ngay 15/12/2026", datetime.date(2026, 12, 15)),  # without diacritics
        # Several deadlines: the item is done when the last one is.
        ("báo cáo trước ngày 15/6/2026; hoàn thành trong năm 2026", datetime.date(2026, 12, 31)),
        # An exact date still counts next to recurring wording.
        ("thường xuyên theo dõi; báo cáo trước ngày 30/11/2026", datetime.date(2026, 11, 30)),
        ("báo cáo Chủ tịch UBND tỉnh hằng quý", None),
        ("thực hiện thường xuyên trong năm 2026", None),
        ("báo cáo định kỳ hàng tháng", None),
        ("tại cuộc họp ngày 12/9/2026", None),  # a meeting date
        ("chuẩn bị tài liệu cho cuộc họp vào ngày 20/10/2026", None),
        ("Sáng ngày 12/09/2024, Chủ tịch UBND huyện chủ trì cuộc họp", None),
        ("theo kế hoạch năm 2024", None),
        ("báo cáo kết quả 6 tháng đầu năm 2026", None),  # what the report covers
        ("đạt tỷ lệ trong 2/3 số xã", None),  # a fraction
        ("trước ngày 31/2/2026", None),  # no such day
        ("Quý IV", None),  # no cue and no year
        ("", None),
    ],
)
def test_parse_deadline(text: str, expected: datetime.date | None) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành trong Quý IV", datetime.date(2026, 12, 31)),
        ("trong Quý I", datetime.date(2027, 3, 31)),  # already past this year: the next one
        ("trước ngày 15/12", datetime.date(2026, 12, 15)),
        ("trước ngày 15/01", datetime.date(2027, 1, 15)),
        ("trong tháng 11", datetime.date(2026, 11, 30)),
        ("hoàn thành trong năm.", datetime.date(2026, 12, 31)),
        ("trong năm học", None),
    ],
)
def test_parse_deadline_without_a_year_uses_the_notice_date(text: str, expected: datetime.date | None) -> None:
    assert parse_deadline(text, reference=REF) == expected
    if expected and "năm" not in text:
        assert parse_deadline(text) is None  # no year anywhere: no guess


# --- Splitting unit lists ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
        ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
        (
            "Phòng Văn hóa - Xã hội và Phòng Kinh tế, Hạ tầng và Đô thị",
            ["Phòng Văn hóa - Xã hội", "Phòng Kinh tế, Hạ tầng và Đô thị"],
        ),
        ("Văn phòng UBND tỉnh, Sở Nội vụ", ["Văn phòng UBND tỉnh", "Sở Nội vụ"]),
        ("Phòng Nội vụ, Phòng Tư pháp và UBND các xã", ["Phòng Nội vụ", "Phòng Tư pháp", "UBND các xã"]),
        ("Chủ tịch UBND các xã, thị trấn", ["Chủ tịch UBND các xã, thị trấn"]),
        ("Giám đốc các sở, ban, ngành tỉnh", ["Giám đốc các sở, ban, ngành tỉnh"]),
        ("Phòng Nội vụ và các cơ quan, đơn vị liên quan", ["Phòng Nội vụ", "các cơ quan, đơn vị liên quan"]),
        ("Sở Tài chính và Kho bạc Nhà nước tỉnh", ["Sở Tài chính", "Kho bạc Nhà nước tỉnh"]),
        ("Đảng ủy, HĐND, UBND xã", ["Đảng ủy", "HĐND", "UBND xã"]),
        ("Công an xã và Ban Chỉ huy Quân sự xã", ["Công an xã", "Ban Chỉ huy Quân sự xã"]),
        ("Phòng Nội vụ,  Phòng Tư pháp,", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("", []),
    ],
)
def test_split_units(fragment: str, expected: list[str]) -> None:
    assert split_units(fragment) == expected


def test_split_units_prefers_the_longest_known_name() -> None:
    fragment = "Trung tâm Văn hóa và Thể thao và Phòng Nội vụ"
    assert split_units(fragment) == ["Trung tâm Văn hóa và Thể thao", "Phòng Nội vụ"]
    # A database name that would be split by the rules is kept whole, matched without diacritics.
    known = ["Trung tam Van hoa", "Đội Quản lý trật tự đô thị và Phòng cháy"]
    assert split_units("Đội Quản lý trật tự đô thị và Phòng cháy, Công an xã", known_units=known) == [
        "Đội Quản lý trật tự đô thị và Phòng cháy",
        "Công an xã",
    ]


# --- normalize -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Phòng  Nội vụ", "phong noi vu"),
        ("ĐỀ NGHỊ Bưu điện", "de nghi buu dien"),
        ("Uỷ ban\u00a0nhân dân\r\n huyện", "uy ban nhan dan huyen"),
        ("Ủy ban", "uy ban"),
        ("Phòng Văn hóa – Xã hội", "phong van hoa - xa hoi"),
        ("Phòng Nội vụ".encode().decode() and "Pho\u0300ng", "phong"),  # decomposed (NFD) input
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


# --- Reading files -------------------------------------------------------------------------


def test_read_txt_with_and_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes("Giao Phòng Nội vụ thực hiện.".encode())
    bom = tmp_path / "b.txt"
    bom.write_bytes("\ufeffGiao Phòng Nội vụ thực hiện.".encode())
    assert read_document_text(plain) == read_document_text(str(bom)) == "Giao Phòng Nội vụ thực hiện."


def test_read_uploaded_file_objects() -> None:
    upload = io.BytesIO("\ufeffĐề nghị Bưu điện huyện hỗ trợ.".encode())
    assert read_document_text(upload, filename="thong-bao.TXT") == "Đề nghị Bưu điện huyện hỗ trợ."
    docx_bytes = (FIXTURES / "02-tinh-so-nganh.docx").read_bytes()
    # No name at all: the .docx (zip) signature decides.
    assert "Sở Khoa học và Công nghệ chủ trì" in read_document_text(io.BytesIO(docx_bytes))


def test_read_rejects_other_formats_and_bad_encodings(tmp_path: Path) -> None:
    rtf = tmp_path / "a.rtf"
    rtf.write_bytes(b"{\\rtf1 Giao}")
    with pytest.raises(ValueError, match="docx hoặc .pdf"):
        read_document_text(rtf)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")  # a PDF header and nothing else
    with pytest.raises(ValueError, match="Không đọc được tệp PDF"):
        read_document_text(pdf)
    latin = tmp_path / "a.txt"
    latin.write_bytes(b"Ph\xf2ng N\xf4i")  # a legacy 8-bit encoding
    with pytest.raises(ValueError, match="UTF-8"):
        read_document_text(latin)


def test_read_docx_numbered_paragraphs_line_breaks_and_tables(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN HUYỆN"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    document.add_paragraph("Chủ tịch UBND huyện kết luận như sau:")
    # Word's automatic numbering: the number is not part of the paragraph text.
    document.add_paragraph("Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát", style="List Number")
    document.paragraphs[-1].runs[0].add_break()
    document.paragraphs[-1].add_run("thủ tục hành chính, hoàn thành trước ngày 30/11/2026.")
    document.add_paragraph("Phòng Tư pháp: cập nhật cơ sở dữ liệu", style="List Number")
    assignment_table = document.add_table(rows=2, cols=1)
    assignment_table.cell(0, 0).text = "Nhiệm vụ"
    assignment_table.cell(1, 0).text = "Đề nghị Bưu điện huyện hỗ trợ trả kết quả trong tháng 12/2026."
    document.add_paragraph("Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    path = tmp_path / "thong-bao.docx"
    document.save(path)

    text = read_document_text(path)
    assert text.index("ỦY BAN NHÂN DÂN HUYỆN") < text.index("Giao Phòng Nội vụ") < text.index("Đề nghị Bưu điện")
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": ["Phòng Tư pháp"], "deadline": "2026-11-30"},
        {"kind": "assign", "recipients": ["Phòng Tư pháp"], "coordinators": [], "deadline": None},
        {"kind": "request", "recipients": ["Bưu điện huyện"], "coordinators": [], "deadline": "2026-12-31"},
    ]
    assert parse_conclusion(text)[0].text == (
        "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát thủ tục hành chính, hoàn thành trước ngày 30/11/2026."
    )


def test_unnumbered_header_takes_the_paragraphs_below_it() -> None:
    text = """Giao Phòng Nội vụ:
Rà soát, sắp xếp bộ phận một cửa, hoàn thành trong tháng 12/2026.
Phối hợp với Văn phòng HĐND và UBND huyện cập nhật quy chế.
Văn phòng HĐND và UBND huyện thông báo để các cơ quan biết, thực hiện./.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": "2026-12-31"},
        {
            "kind": "assign",
            "recipients": ["Phòng Nội vụ"],
            "coordinators": ["Văn phòng HĐND và UBND huyện"],
            "deadline": None,
        },
    ]


def test_inline_assessment_paragraph_does_not_swallow_the_items_after_it() -> None:
    text = """Đánh giá chung: các đơn vị đã triển khai cơ bản đầy đủ kế hoạch, tỷ lệ hồ sơ trực tuyến đạt 45%.
Phòng Tư pháp: còn chậm cập nhật cơ sở dữ liệu hộ tịch.
Phòng Nội vụ: tham mưu kế hoạch kiểm tra cải cách hành chính năm 2027 trước ngày 20/12/2026.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": "2026-12-20"},
    ]


def test_many_known_units() -> None:
    known = [f"UBND xã Xã{i}" for i in range(3000)] + [f"Phòng Chuyên môn {i}" for i in range(3000)]
    text = "Giao Phòng Nội vụ phối hợp với UBND xã Xã12 và Phòng Chuyên môn 7 rà soát thủ tục.\n" * 200
    items = parse_conclusion(text, known_units=known)
    assert len(items) == 200
    assert items[-1].coordinators == ["UBND xã Xã12", "Phòng Chuyên môn 7"]


def test_notes_in_parentheses_are_not_part_of_unit_names() -> None:
    text = """- Phòng Nội vụ (cơ quan thường trực về cải cách hành chính): tham mưu kế hoạch năm 2027.
- Giao Phòng Tư pháp (chủ trì) và Phòng Văn hóa và Thông tin (phối hợp) rà soát thủ tục.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": None},
        {
            "kind": "assign",
            "recipients": ["Phòng Tư pháp", "Phòng Văn hóa và Thông tin"],
            "coordinators": [],
            "deadline": None,
        },
    ]


def test_doi_voi_unit_headers_with_their_tasks_below() -> None:
    text = """1. Đối với Phòng Nội vụ:
- Tham mưu kế hoạch kiểm tra năm 2027, trình trước ngày 25/12/2026.
- Phối hợp với Phòng Tư pháp đánh giá chỉ số cải cách hành chính.
2. Đối với các xã, thị trấn: tiếp tục số hóa hồ sơ.
"""
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": "2026-12-25"},
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": ["Phòng Tư pháp"], "deadline": None},
        {"kind": "assign", "recipients": ["các xã, thị trấn"], "coordinators": [], "deadline": None},
    ]


# --- More shapes seen in real notices (assignments engineer's additions) ----------------------


def test_slash_numbering_and_lettered_sub_entries() -> None:
    text = (
        "KẾT LUẬN\nIII. Về nhiệm vụ thời gian tới\n"
        "1/ Giao Sở Khoa học và Công nghệ và Sở Nội vụ chủ trì nghiên cứu, đề xuất mô hình; "
        "báo cáo trước ngày 15 tháng 12 năm 2026.\n"
        "2/ Giao Sở Tư pháp:\n"
        "a/ Hoàn thiện dự thảo quyết định, trình UBND tỉnh trong tháng 01/2027.\n"
        "b/ Theo dõi thi hành pháp luật.\n"
    )
    assert _parse(text, KNOWN_UNITS) == [
        {
            "kind": "assign",
            "recipients": ["Sở Khoa học và Công nghệ", "Sở Nội vụ"],
            "coordinators": [],
            "deadline": "2026-12-15",
        },
        {"kind": "assign", "recipients": ["Sở Tư pháp"], "coordinators": [], "deadline": "2027-01-31"},
        {"kind": "assign", "recipients": ["Sở Tư pháp"], "coordinators": [], "deadline": None},
    ]


def test_a_date_at_the_start_of_a_line_is_not_a_list_marker() -> None:
    text = "Giao Phòng Nội vụ: tổng hợp báo cáo, hoàn thành trước ngày\n15/12/2026.\n"
    assert _parse(text) == [
        {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": "2026-12-15"}
    ]


def test_upper_case_verb_and_a_holder_before_the_unit() -> None:
    text = (
        "GIAO PHÒNG NỘI VỤ: Tổng hợp báo cáo, gửi trước ngày 05/12/2026.\n\n"
        "- Giám đốc Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp thẩm định kinh phí; "
        "hoàn thành trong Quý I năm 2027.\n"
    )
    items = _parse(text, KNOWN_UNITS)
    assert items[0]["recipients"] == ["PHÒNG NỘI VỤ"] and items[0]["deadline"] == "2026-12-05"
    assert items[1] == {
        "kind": "assign",
        "recipients": ["Giám đốc Sở Tài chính"],
        "coordinators": ["Sở Nội vụ", "Sở Tư pháp"],
        "deadline": "2027-03-31",
    }


def test_text_typed_without_diacritics_still_parses() -> None:
    text = "Giao Phong Noi vu chu tri, phoi hop voi Van phong HDND va UBND huyen ra soat quy che; hoan thanh truoc ngay 30/11/2026."
    assert _parse(text) == [
        {
            "kind": "assign",
            "recipients": ["Phong Noi vu"],
            "coordinators": ["Van phong HDND va UBND huyen"],
            "deadline": "2026-11-30",
        }
    ]


def test_document_header_gives_number_and_date_but_never_a_deadline() -> None:
    from assignments.parsing import document_header

    heading = "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 120/TB-UBND     Tân Phú, ngày 16 tháng 10 năm 2026\n"
    assert document_header(heading) == ("120/TB-UBND", datetime.date(2026, 10, 16))
    assert document_header("Số: 45/TB-VP ngày 03/02/2027") == ("45/TB-VP", datetime.date(2027, 2, 3))
    assert document_header("Giao Phòng Nội vụ: hoàn thành trước ngày 12/10/2026.") == ("", None)
    assert document_header("Sáng ngày 12/09/2024, Chủ tịch UBND huyện chủ trì cuộc họp.") == ("", None)
