from django import forms
from django.utils.translation import gettext_lazy as _

from core.metrics import metric_choices
from organizations.forms import ImportForm


class CriteriaImportForm(ImportForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Tên bộ chỉ số"), max_length=300)


class CopySetForm(forms.Form):
    year = forms.IntegerField(label=_("Năm mới"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Tên bộ chỉ số mới"), max_length=300)


class OpenAssessmentsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được đánh giá"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 10})
    )
    deadline = forms.DateField(
        label=_("Hạn tự đánh giá"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    assign_work = forms.BooleanField(
        label=_("Giao nhiệm vụ cho các đơn vị phụ trách (hiện trong hộp nhiệm vụ)"), required=False, initial=True
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class SelfScoreForm(forms.Form):
    self_score = forms.DecimalField(label=_("Điểm tự đánh giá"), min_value=0, decimal_places=2, required=False)
    self_comment = forms.CharField(label=_("Thuyết minh"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(
        label=_("Giải trình (khi chưa có tài liệu kiểm chứng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)
    valid_from = forms.DateField(
        label=_("Có giá trị từ"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    valid_to = forms.DateField(
        label=_("Có giá trị đến"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel, ảnh)"), required=False)


class CriterionForm(forms.Form):
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(label=_("Cách chấm"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible_name = forms.CharField(label=_("Đơn vị phụ trách"), required=False, max_length=300)
    metric_key = forms.ChoiceField(label=_("Số liệu"), required=False)
    scoring_rule = forms.CharField(label=_("Quy tắc chấm"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "—"), *metric_choices()]
