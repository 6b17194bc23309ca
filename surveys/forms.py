from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import parse_period
from organizations.models import Unit
from surveys.models import Questionnaire


def question_field_name(question_id: int) -> str:
    return f"q{question_id}"


class AnswerForm(forms.Form):
    """The questionnaire as a form: one radio group per question, an optional comment, consent not ticked."""

    comment = forms.CharField(
        label=_("Ý kiến góp ý khác (không ghi họ tên, số điện thoại)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(label="", required=True, initial=False)

    def __init__(self, *args, questionnaire: Questionnaire, factors, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["consent"].label = questionnaire.consent_text
        self.fields["consent"].error_messages["required"] = _("Xin đánh dấu ô đồng ý để gửi phiếu.")
        choices = [(str(item["value"]), item["label"]) for item in questionnaire.scale]
        self.groups = []
        for factor in factors:
            names = []
            for question in factor.questions.all():
                name = question_field_name(question.pk)
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Xin chọn một mức đánh giá.")},
                )
                names.append(name)
            self.groups.append((factor, names))
        if not questionnaire.allow_comment:
            del self.fields["comment"]
        # keep the comment and consent last
        for name in ("comment", "consent"):
            if name in self.fields:
                self.fields[name] = self.fields.pop(name)

    def group_fields(self):
        return [(factor, [self[name] for name in names]) for factor, names in self.groups]

    def answers(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and name[1:].isdigit()
        }


class PublicAnswerForm(AnswerForm):
    # The honeypot: hidden by CSS, left empty by people, filled in by bots.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class PaperEntryForm(AnswerForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    answered_on = forms.DateField(label=_("Ngày trả lời (dd/mm/yyyy)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    dossier_code = forms.CharField(label=_("Mã hồ sơ (nếu có)"), required=False, max_length=100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["answered_on"].initial = timezone.localdate().strftime("%d/%m/%Y")
        self.fields["consent"].required = False
        self.fields["consent"].label = _("Người trả lời đã đồng ý trên phiếu giấy")
        for name in ("dossier_code", "answered_on", "unit"):
            self.fields = {name: self.fields.pop(name), **self.fields}


class PeriodField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_period(value)
        except (ValueError, OverflowError) as exc:  # OverflowError: a year past 9999
            raise forms.ValidationError(_("Kỳ không hợp lệ: «%(value)s»") % {"value": value}) from exc


class FiguresFilterForm(forms.Form):
    period = PeriodField(label=_("Kỳ (2026, 2026-Q3, 2026-07 hoặc 2026-07-01..2026-09-30)"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SampleForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    period = PeriodField(label=_("Kỳ (2026-Q3, 2026-07 hoặc 2026-07-01..2026-09-30)"))
    margin = forms.DecimalField(
        label=_("Sai số e"),
        min_value=Decimal("0.01"),
        max_value=Decimal("0.5"),
        decimal_places=3,
        initial=Decimal("0.05"),
    )
    fmt = forms.ChoiceField(label=_("Định dạng"), choices=[("xlsx", "XLSX"), ("docx", "Word")], initial="xlsx")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
