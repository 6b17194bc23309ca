from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.periods import period_choices
from reports.choices import FigureSource
from reports.models import ReportKind, UnitReport
from reports.services import validate_decimal


class CycleOpenForm(forms.Form):
    kind = forms.ModelChoiceField(ReportKind.objects.all(), label=_("Loại kỳ"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Kỳ số"), min_value=1, max_value=12, initial=1)
    owner = forms.ModelChoiceField(None, label=_("Đơn vị tổng hợp"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class UnitReportForm(forms.Form):
    """One textarea per section, one number per typed figure, the signed file."""

    signed_file = forms.FileField(label=_("Bản báo cáo đã ký số"), required=False)

    def __init__(self, *args, report: UnitReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        for text in report.texts.select_related("section"):
            self.fields[f"section_{text.section_id}"] = forms.CharField(
                label=f"{text.section.code}. {text.section.title}",
                required=False,
                initial=text.text,
                help_text=text.section.guidance,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for figure in report.figures.select_related("row").filter(row__source=FigureSource.TYPED):
            self.fields[f"figure_{figure.row_id}"] = forms.CharField(
                label=f"{figure.row.label} ({figure.row.unit_label})" if figure.row.unit_label else figure.row.label,
                required=False,
                initial="" if figure.value is None else f"{figure.value.normalize():f}".replace(".", ","),
            )

    def clean(self):
        data = super().clean()
        figures = {}
        for name in list(self.fields):
            if name.startswith("figure_"):
                try:
                    figures[int(name.removeprefix("figure_"))] = validate_decimal(data.get(name, ""))
                except ValidationError as exc:
                    self.add_error(name, exc)
        data["figures"] = figures
        data["texts"] = {
            int(name.removeprefix("section_")): data.get(name, "")
            for name in self.fields
            if name.startswith("section_")
        }
        return data


class ForecastForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ"), required=False)
    unit = forms.ModelChoiceField(None, label=_("Đơn vị"), required=False)

    def __init__(self, *args, units, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for y in (year, year - 1):
            choices += period_choices(y)
        self.fields["period"].choices = choices
        self.fields["unit"].queryset = units
