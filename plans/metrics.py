"""The figures plans give to PAR scoring and targets (registered in `PlansConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from plans import selectors

METRICS = [
    ("plans.completion_rate", _("Tỷ lệ nhiệm vụ kế hoạch hoàn thành"), selectors.completion_rate),
    ("plans.issued_on_time", _("Tỷ lệ kế hoạch ban hành đúng hạn"), selectors.issued_on_time),
]
