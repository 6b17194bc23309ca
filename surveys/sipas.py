"""The seed questionnaire: a short SIPAS-style form with the five factors of DOMAIN §5 (1001/QĐ-BNV).

Plain data, read by the data migration; administrators change questions in the admin afterwards.
"""

CODE = "sipas"
NAME = "Phiếu khảo sát sự hài lòng về sự phục vụ hành chính"
INTRO = (
    "Ông/Bà vui lòng cho biết mức độ hài lòng với việc giải quyết thủ tục hành chính. "
    "Phiếu không hỏi họ tên, số điện thoại hay địa chỉ."
)
CONSENT = (
    "Tôi đồng ý gửi các câu trả lời trên (không kèm thông tin cá nhân) để cơ quan nhà nước thống kê "
    "và cải thiện chất lượng phục vụ."
)
FACTORS = [
    (
        "access",
        "Tiếp cận dịch vụ",
        [
            ("a1", "Nơi tiếp nhận, trả kết quả có đủ chỗ ngồi, trang thiết bị phục vụ"),
            ("a2", "Dễ dàng tìm thông tin và nộp hồ sơ (trực tiếp hoặc trực tuyến)"),
        ],
    ),
    (
        "procedures",
        "Thủ tục hành chính",
        [
            ("p1", "Thủ tục được niêm yết công khai, đầy đủ, chính xác"),
            ("p2", "Thành phần hồ sơ, phí, lệ phí và thời hạn giải quyết đúng như niêm yết"),
        ],
    ),
    (
        "officials",
        "Công chức trực tiếp giải quyết công việc",
        [
            ("o1", "Công chức có thái độ lịch sự, tôn trọng"),
            ("o2", "Công chức hướng dẫn tận tình, dễ hiểu"),
        ],
    ),
    (
        "results",
        "Kết quả giải quyết thủ tục hành chính",
        [
            ("r1", "Nhận kết quả đúng hẹn"),
            ("r2", "Kết quả đầy đủ, chính xác"),
        ],
    ),
    (
        "feedback",
        "Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị",
        [
            ("f1", "Cơ quan có hình thức tiếp nhận góp ý, phản ánh thuận tiện"),
            ("f2", "Góp ý, phản ánh được tiếp nhận và trả lời kịp thời"),
        ],
    ),
]
PROCEDURES_FACTOR = "procedures"
