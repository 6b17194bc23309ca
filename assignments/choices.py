from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class ItemKind(models.TextChoices):
    ASSIGN = "assign", _("Giao")
    REQUEST = "request", _("Đề nghị")


class AssignmentStatus(models.TextChoices):
    """Derived from dates (DOMAIN §2), never stored. The first four are the official categories;
    IN_PROGRESS and DONE are their no-deadline forms and count as on track / done on time."""

    ON_TRACK = "on_track", _("Đang thực hiện trong hạn")
    OVERDUE = "overdue", _("Quá hạn")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    DRAFT = "draft", _("Chưa giao")
    CANCELLED = "cancelled", _("Đã hủy")


# Badge colour per status (CSS classes of static/tiendo/site.css).
STATUS_COLOURS = {
    AssignmentStatus.ON_TRACK: "info",
    AssignmentStatus.IN_PROGRESS: "info",
    AssignmentStatus.OVERDUE: "bad",
    AssignmentStatus.DONE_ON_TIME: "ok",
    AssignmentStatus.DONE: "ok",
    AssignmentStatus.DONE_LATE: "warn",
    AssignmentStatus.DRAFT: "",
    AssignmentStatus.CANCELLED: "",
}

# The four official categories, and where the no-deadline statuses are counted.
OFFICIAL_STATUSES = (
    AssignmentStatus.ON_TRACK,
    AssignmentStatus.OVERDUE,
    AssignmentStatus.DONE_ON_TIME,
    AssignmentStatus.DONE_LATE,
)
# A task without a deadline is not "trong hạn": it is counted as "đang thực hiện" on its own (DASHBOARD_STATUSES).
OFFICIAL_OF = {
    AssignmentStatus.DONE: AssignmentStatus.DONE_ON_TIME,
}
DASHBOARD_STATUSES = (*OFFICIAL_STATUSES, AssignmentStatus.IN_PROGRESS)
OPEN_STATUSES = (AssignmentStatus.ON_TRACK, AssignmentStatus.OVERDUE, AssignmentStatus.IN_PROGRESS)
DONE_STATUSES = (AssignmentStatus.DONE_ON_TIME, AssignmentStatus.DONE_LATE, AssignmentStatus.DONE)


class ReviewState(models.TextChoices):
    NONE = "", _("Cập nhật tiến độ")
    SUBMITTED = "submitted", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại")


REVIEW_COLOURS = {ReviewState.SUBMITTED: "warn", ReviewState.ACCEPTED: "ok", ReviewState.RETURNED: "bad"}


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đồng ý")
    REFUSED = "refused", _("Không đồng ý")


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("Được giao nhiệm vụ")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATION = "escalation", _("Quá hạn lâu, báo lãnh đạo")
    REPORT_SUBMITTED = "report_submitted", _("Báo cáo chờ duyệt")
    REPORT_REVIEWED = "report_reviewed", _("Báo cáo đã được xem xét")
    EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn")
    EXTENSION_DECIDED = "extension_decided", _("Kết quả đề nghị gia hạn")
    DIGEST_DAILY = "digest_daily", _("Tổng hợp hằng ngày")
    DIGEST_WEEKLY = "digest_weekly", _("Tổng hợp hằng tuần")
