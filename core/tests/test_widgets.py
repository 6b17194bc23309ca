import re

from django import forms

from core.widgets import Select, SelectMultiple

CHOICES = [("", "—"), ("1", "Sở Nội vụ & <b>"), ("Xã", [("2", "UBND xã An Hòa"), ("3", "UBND xã Tân Phú")])]


def _attributes(html: str) -> list[str]:
    """Each tag with its attributes sorted (Django's templates and ours order them differently) and no spaces."""
    tags = re.findall(r"<[^>]+>|[^<]+", html)
    out = []
    for tag in tags:
        tag = tag.strip()
        if not tag:
            continue
        if tag.startswith("<") and not tag.startswith("</"):
            name, *attrs = re.findall(r'[\w-]+(?:="[^"]*")?', tag)
            tag = f"<{name} {' '.join(sorted(attrs))}>"
        out.append(tag)
    return out


def test_select_renders_what_djangos_select_renders():
    class Form(forms.Form):
        one = forms.ChoiceField(choices=CHOICES, required=False)
        many = forms.MultipleChoiceField(choices=CHOICES[1:])

    form = Form(data={"one": "2", "many": ["1", "3"]})
    django_one, django_many = str(form["one"]), str(form["many"])
    form.fields["one"].widget = Select(choices=CHOICES)
    form.fields["many"].widget = SelectMultiple(choices=CHOICES[1:])
    form.fields["many"].widget.is_required = True
    assert _attributes(str(form["one"])) == _attributes(django_one)
    assert _attributes(str(form["many"])) == _attributes(django_many)
    assert "&lt;b&gt;" in str(form["one"]) and 'value="2" selected' in str(form["one"])
