from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import files
from organizations.models import Unit, UnitGroup


class UnitForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("Tên gọi khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tên, như văn bản thường viết"),
    )

    class Meta:
        model = Unit
        fields = ["code", "short_name", "full_name", "parent", "level", "kind", "email", "active_from", "active_to"]
        widgets = {
            "active_from": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "active_to": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        if self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(a.name for a in self.instance.aliases.all())


class UnitGroupForm(forms.ModelForm):
    class Meta:
        model = UnitGroup
        fields = [
            "name",
            "aliases",
            "owner",
            "rule_parent",
            "rule_kind",
            "rule_level",
            "rule_direct_children_only",
            "members",
        ]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3}), "members": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            for name in ("owner", "rule_parent", "members"):
                self.fields[name].queryset = units


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        files.form_check(upload, allowed=files.IMPORT_EXTENSIONS, max_mb=settings.IMPORT_MAX_MB)
        return upload
