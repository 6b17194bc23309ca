from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Period, parse_period, period_choices
from core.widgets import Select

BAD_DATE = _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 31/12/2026).")


class PeriodForm(forms.Form):
    """A period picker: calendar months/quarters/years, PAR reporting periods, or a custom range."""

    period = forms.ChoiceField(label=_("Kỳ"), required=False, widget=Select)
    start = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": BAD_DATE},
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": BAD_DATE},
    )
    unit = forms.TypedChoiceField(
        label=_("Đơn vị"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=Select,  # a province's 168 units: no template per option
        error_messages={"invalid_choice": _("Đơn vị này không có trong danh sách bạn được xem.")},
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        choices = period_choices(year) + period_choices(year - 1)
        self.fields["period"].choices = [("", _("— Tự chọn ngày —")), *choices]
        self.fields["period"].error_messages["invalid_choice"] = _("Kỳ này không có trong danh sách.")
        from organizations.selectors import unit_choices

        self.fields["unit"].choices = [("", _("Tất cả đơn vị được xem")), *unit_choices(units)]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if bool(data.get("start")) != bool(data.get("end")):
            raise forms.ValidationError(_("Hãy nhập cả «Từ ngày» và «Đến ngày», hoặc chọn một kỳ."))
        if data.get("start") and data.get("end"):
            if data["end"] < data["start"]:
                raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
            data["range"] = Period(data["start"], data["end"])
        elif data.get("period"):
            data["range"] = parse_period(data["period"])
        else:
            data["range"] = default_period()
        return data


def default_period() -> Period:
    today = timezone.localdate()
    return parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")


class ImportUploadForm(forms.Form):
    KIND_CHOICES = [("dossiers", _("Hồ sơ một cửa")), ("procedures", _("Danh mục thủ tục hành chính"))]
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX"))

    def clean_file(self):
        from django.conf import settings

        from core import files

        upload = self.cleaned_data["file"]
        files.form_check(upload, allowed=files.IMPORT_EXTENSIONS, max_mb=settings.IMPORT_MAX_MB)
        return upload
