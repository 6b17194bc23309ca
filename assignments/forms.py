import json

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments import conf
from assignments.choices import ItemKind
from assignments.services import ItemInput
from organizations.models import Unit

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, format="%d/%m/%Y")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").replace(";", "\n").splitlines() if line.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class DirectiveForm(forms.Form):
    """Step 1: the notice's text (pasted or a .txt/.docx file) and its particulars."""

    issuing_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Cơ quan ban hành"))
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Để trống: lấy theo dòng «…, ngày … tháng … năm …» của văn bản."),
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    meeting_date = forms.DateField(label=_("Ngày họp"), required=False, widget=DATE_WIDGET)
    meeting_chair = forms.CharField(label=_("Người chủ trì cuộc họp"), max_length=200, required=False)
    attending_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Đơn vị dự họp"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    text = forms.CharField(
        label=_("Nội dung thông báo kết luận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Dán toàn văn, hoặc chọn tệp bên dưới."),
    )
    file = forms.FileField(label=_("Hoặc tệp .txt, .docx, .pdf"), required=False, allow_empty_file=True)

    def __init__(self, *args, issuing_units=None, directory=None, **kwargs):
        super().__init__(*args, **kwargs)
        if issuing_units is not None:
            self.fields["issuing_unit"].queryset = issuing_units
        if directory is not None:
            self.fields["attending_units"].queryset = directory

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if not upload.size:
            raise forms.ValidationError(_("Tệp trống: không có nội dung để đọc."))
        if not upload.name.lower().endswith((".txt", ".docx", ".pdf")):
            raise forms.ValidationError(_("Chỉ nhận tệp .txt, .docx hoặc .pdf."))
        if upload.size > conf.upload_max_mb() * 1024 * 1024:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": conf.upload_max_mb()})
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            from assignments.parsing import read_document_text

            try:
                data["text"] = read_document_text(upload, filename=upload.name)
            except ValueError as exc:
                self.add_error("file", str(exc))
            except Exception:  # a damaged .docx: python-docx raises several kinds of errors
                self.add_error("file", _("Không đọc được tệp: tệp hỏng hoặc không đúng định dạng."))
        elif not (data.get("text") or "").strip():
            self.add_error(
                "text", _("Văn bản trống: hãy dán nội dung thông báo kết luận hoặc chọn tệp .txt, .docx, .pdf.")
            )
        if data.get("text") and not (data.get("number") and data.get("date")):
            from assignments.parsing import document_header

            number, date = document_header(data["text"])
            data["number"] = data.get("number") or number
            data["date"] = data.get("date") or date
        if data.get("text") and not data.get("signer"):
            from assignments.parsing import document_signer

            data["signer"] = document_signer(data["text"])
        if not data.get("date") and "date" not in self.errors and not self.errors.get("text"):
            self.add_error("date", _("Hãy nhập ngày ban hành (văn bản không ghi ngày ở phần đầu)."))
        return data


class ItemForm(forms.Form):
    """One item on the review screen; recipients and coordinators one name per line."""

    kind = forms.ChoiceField(choices=ItemKind.choices, label=_("Loại"))
    recipients = forms.CharField(
        required=False,  # "Chưa có đơn vị chủ trì" is said by the review, and blocks issuing
        label=_("Đơn vị chủ trì"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một đơn vị"),
    )
    coordinators = forms.CharField(
        label=_("Đơn vị phối hợp"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "autogrow"})
    )
    deadline = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE_WIDGET)
    content = forms.CharField(
        label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 4, "class": "autogrow"})
    )
    raw_text = forms.CharField(widget=forms.HiddenInput, required=False)
    why = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_why(self) -> dict:
        """The parser's reading, carried through edits; anything malformed is dropped, never an error."""
        try:
            value = json.loads(self.cleaned_data.get("why") or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def to_input(self) -> ItemInput:
        data = self.cleaned_data
        return ItemInput(
            content=data["content"],
            recipients=_lines(data["recipients"]),
            coordinators=_lines(data.get("coordinators", "")),
            deadline=data.get("deadline"),
            kind=data["kind"],
            raw_text=data.get("raw_text") or data["content"],
            why=data.get("why") or {},
        )

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "kind": item.kind,
            "recipients": "\n".join(item.recipients),
            "coordinators": "\n".join(item.coordinators),
            "deadline": item.deadline,
            "content": item.content,
            "raw_text": item.raw_text,
            "why": json.dumps(item.why or {}, ensure_ascii=False),
        }


ItemFormSet = forms.formset_factory(ItemForm, extra=0, can_delete=True)


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Báo cáo của đơn vị"), empty_label=None)
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 4}))
    percent = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100, initial=0)
    is_final = forms.BooleanField(label=_("Đây là báo cáo hoàn thành (gửi bên giao duyệt)"), required=False)
    explanation = forms.CharField(
        label=_("Giải trình (bắt buộc khi quá hạn)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class ExtensionForm(forms.Form):
    requested_deadline = forms.DateField(label=_("Thời hạn đề nghị"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị chủ trì mới"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
