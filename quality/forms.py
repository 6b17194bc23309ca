from django import forms
from django.utils.translation import gettext_lazy as _

from quality.choices import ReviewKind

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, format="%d/%m/%Y")


class FollowupForm(forms.Form):
    deadline = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE_WIDGET)


class DocumentUpdateForm(forms.Form):
    version = forms.CharField(label=_("Lần ban hành"), max_length=20)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET)
    file = forms.FileField(label=_("Tệp quy trình"), required=False)


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=ReviewKind.choices)
    held_on = forms.DateField(label=_("Ngày thực hiện"), widget=DATE_WIDGET)
    findings = forms.CharField(label=_("Phát hiện, kết luận"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    report_file = forms.FileField(label=_("Tệp báo cáo"), required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh mục quy trình (CSV hoặc XLSX)"))


class SystemForm(forms.Form):
    """The unit's system: own or shared, scope (procedure codes), announcement."""

    host = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Dùng chung hệ thống của"), empty_label=_("— Đơn vị tự xây dựng —")
    )
    scope_codes = forms.CharField(
        label=_("Phạm vi: mã TTHC"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Các mã TTHC cách nhau bằng dấu chấm phẩy, dấu phẩy hoặc xuống dòng"),
    )
    announcement_number = forms.CharField(label=_("Số quyết định công bố"), max_length=100, required=False)
    announcement_date = forms.DateField(label=_("Ngày công bố"), required=False, widget=DATE_WIDGET)
    announcement_file = forms.FileField(label=_("Tệp quyết định công bố"), required=False)

    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        self.fields["host"].label_from_instance = lambda system: system.unit.short_name

    def clean_scope_codes(self) -> list[str]:
        import re

        return [c for c in re.split(r"[;,\s]+", self.cleaned_data["scope_codes"]) if c]


class CorrectiveActionForm(forms.Form):
    review = forms.IntegerField(widget=forms.HiddenInput)
    content = forms.CharField(label=_("Hành động khắc phục"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = forms.ModelChoiceField(queryset=None, label=_("Đơn vị thực hiện"))
    deadline = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units


class LegalUpdateForm(forms.Form):
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=100)
    document_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)
    summary = forms.CharField(label=_("Trích yếu"), max_length=500)
    noted_on = forms.DateField(label=_("Ngày cập nhật vào hệ thống"), widget=DATE_WIDGET)
    action = forms.CharField(label=_("Việc đã làm"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
