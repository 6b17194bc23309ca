from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations import permissions
from organizations.models import Unit, UnitGroup
from plans.models import Plan, PlanKind

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, format="%d/%m/%Y")


def _units(user, action):
    return permissions.scoped(Unit.objects.order_by("short_name"), user, action, field="pk")


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100, **kwargs)


class PlanImportForm(forms.Form):
    """Step 1 (with the file) and step 2 (the same fields, carried hidden to the confirmation)."""

    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        required=False,
        help_text=_("Văn bản .docx có bảng phụ lục nhiệm vụ, hoặc bảng .xlsx / .csv."),
    )
    kind = forms.ModelChoiceField(queryset=PlanKind.objects.filter(is_active=True), label=_("Loại kế hoạch"))
    year = _year_field()
    issuing_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Cơ quan ban hành"))
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Để trống: lấy theo dòng «…, ngày … tháng … năm …» của văn bản Word."),
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    parent = forms.ModelChoiceField(
        queryset=Plan.objects.none(), label=_("Thực hiện kế hoạch cấp trên"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from plans.selectors import plan_list

        self.fields["issuing_unit"].queryset = _units(user, "manage")
        self.fields["parent"].queryset = plan_list(user=user)
        self.fields["year"].initial = timezone.localdate().year

    def header(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "year": data["year"],
            "issuing_unit": data["issuing_unit"],
            "number": data["number"],
            "date": data["date"],
            "title": data["title"],
            "signer": data["signer"],
            "parent": data["parent"],
        }


class PlanRegisterForm(forms.Form):
    """A unit records its own plan (number, date, file) for the register."""

    issuing_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị ban hành"))
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100)
    date = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    file = forms.FileField(label=_("Tệp văn bản (.pdf, .docx)"), required=False)

    def __init__(self, *args, user, units, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = _units(user, "change").filter(pk__in=[u.pk for u in units])
        self.fields["issuing_unit"].queryset = allowed


class RequirementForm(forms.Form):
    kind = forms.ModelChoiceField(queryset=PlanKind.objects.filter(is_active=True), label=_("Loại kế hoạch"))
    year = _year_field()
    requiring_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Cơ quan yêu cầu"))
    group = forms.ModelChoiceField(queryset=UnitGroup.objects.none(), label=_("Các đơn vị phải ban hành"))
    due_date = forms.DateField(label=_("Hạn ban hành"), widget=DATE_WIDGET)
    parent_plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(), label=_("Thực hiện kế hoạch cấp trên"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from plans.selectors import plan_list

        self.fields["parent_plan"].queryset = plan_list(user=user)
        units = _units(user, "manage")
        self.fields["requiring_unit"].queryset = units
        self.fields["group"].queryset = UnitGroup.objects.filter(owner__in=units).order_by("name")
        self.fields["year"].initial = timezone.localdate().year


class PlanFilterForm(forms.Form):
    kind = forms.ModelChoiceField(queryset=PlanKind.objects.all(), required=False, label=_("Loại kế hoạch"))
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("Năm"))
