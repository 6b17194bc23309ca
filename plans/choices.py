from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterState(models.TextChoices):
    """Where a unit stands with its own plan of a kind and year (computed, never stored)."""

    ON_TIME = "on_time", _("Ban hành đúng hạn")
    LATE = "late", _("Ban hành trễ hạn")
    MISSING = "missing", _("Chưa ban hành")
    MISSING_OVERDUE = "missing_overdue", _("Chưa ban hành, đã quá hạn")


REGISTER_COLOURS = {
    RegisterState.ON_TIME: "ok",
    RegisterState.LATE: "warn",
    RegisterState.MISSING: "",
    RegisterState.MISSING_OVERDUE: "bad",
}

# The kinds every deployment starts with (DOMAIN §9); administrators add more.
SEEDED_KINDS = [
    ("cchc", "Kế hoạch CCHC năm", 1),
    ("chi-so-cchc", "Kế hoạch cải thiện, nâng cao Chỉ số CCHC", 2),
    ("sipas", "Kế hoạch nâng cao Chỉ số hài lòng (SIPAS)", 3),
    ("ra-soat-tthc", "Kế hoạch rà soát, đánh giá TTHC", 4),
    ("kiem-soat-tthc", "Kế hoạch kiểm soát TTHC và truyền thông về TTHC", 5),
    ("cntt", "Kế hoạch ứng dụng CNTT / chuyển đổi số", 6),
]
