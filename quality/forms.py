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
