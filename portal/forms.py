from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import form_check
from core.periods import parse_period, quarter, year
from portal.conf import image_max_mb
from portal.models import Article, Category
from portal.services import IMAGE_TYPES


def public_period_choices(today=None) -> list[tuple[str, str]]:
    """This year and last year, each whole and by quarter (a short, fixed list: the cache stays small)."""
    today = today or timezone.localdate()
    choices: list[tuple[str, str]] = []
    for y in (today.year, today.year - 1):
        choices.append((str(y), str(year(y).label)))
        choices += [(f"{y}-Q{q}", str(quarter(y, q).label)) for q in range(1, 5) if quarter(y, q).start <= today]
    return choices


class ScoreboardForm(forms.Form):
    ky = forms.ChoiceField(label=_("Kỳ"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ky"].choices = public_period_choices()

    def period(self):
        value = self.cleaned_data.get("ky") if self.is_valid() else ""
        return parse_period(value or str(timezone.localdate().year))


class LookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã hồ sơ"), max_length=100, min_length=4, strip=True)

    def clean_ma(self):
        value = self.cleaned_data["ma"]
        if any(ch.isspace() for ch in value) or not value.isprintable():
            raise forms.ValidationError(_("Mã hồ sơ không hợp lệ."))
        return value


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["unit", "title", "category", "summary", "body", "author_name", "featured"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {
            "body": _(
                "Markdown: dòng trống tách đoạn, **đậm**, *nghiêng*, ## Tiêu đề mục, - danh sách, "
                "[chữ](https://…) cho liên kết; ảnh đã tải lên chèn bằng mã ![mô tả](anh:số)."
            )
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["category"].queryset = Category.objects.all()
        self.fields["author_name"].required = False


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Ảnh (PNG, JPEG)"))
    alt = forms.CharField(label=_("Mô tả ảnh"), max_length=300)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        form_check(upload, allowed=IMAGE_TYPES, max_mb=image_max_mb())
        return upload


class PublishForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Ngày đăng (để trống: ngay bây giờ)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
