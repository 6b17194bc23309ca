from django import forms
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, format="%d/%m/%Y")


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)


class FileListForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định ban hành"), max_length=100, required=False)
    approved_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET)
    file = forms.FileField(label=_("Tệp danh mục"), required=False)


class BacklogForm(forms.Form):
    total_metres = forms.DecimalField(
        label=_("Tổng số tài liệu tồn đọng (mét giá)"), min_value=0, max_digits=9, decimal_places=2
    )
    planned_metres = forms.DecimalField(
        label=_("Kế hoạch chỉnh lý trong năm (mét giá)"), min_value=0, max_digits=9, decimal_places=2, required=False
    )


class ProgressForm(forms.Form):
    recorded_on = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET)
    metres = forms.DecimalField(label=_("Số mét giá đã chỉnh lý thêm"), min_value=0, max_digits=9, decimal_places=2)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh sách hồ sơ (CSV hoặc XLSX)"))


# A unit's work files in a year are thousands at most; the bound also keeps the number inside the database column.
MAX_COUNT = 10_000_000


class CountsForm(forms.Form):
    opened = forms.IntegerField(label=_("Số hồ sơ đã mở"), min_value=0, max_value=MAX_COUNT)
    closed = forms.IntegerField(label=_("Số hồ sơ đã kết thúc"), min_value=0, max_value=MAX_COUNT)
    due = forms.IntegerField(label=_("Số hồ sơ đến hạn nộp lưu trong năm"), min_value=0, max_value=MAX_COUNT)
    deposited_on_time = forms.IntegerField(label=_("Số hồ sơ nộp lưu đúng hạn"), min_value=0, max_value=MAX_COUNT)
