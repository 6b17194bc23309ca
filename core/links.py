"""`reverse()` for the page of one object, for lists that link every row.

Django's `reverse()` costs ≈ 0.1 ms; a list of 50 assignments linking each one and its directive called it 100
times a page (issue 10). The address is built once per URL name (and URL configuration and script prefix)
with a placeholder, then formatted.
"""

from __future__ import annotations

from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "8675309001"
_templates: dict[tuple, str] = {}


def reverse_pk(viewname: str, pk: int) -> str:
    key = (viewname, get_urlconf(), get_script_prefix())
    template = _templates.get(key)
    if template is None:
        address = reverse(viewname, args=[int(_PLACEHOLDER)])
        template = address.replace("{", "{{").replace("}", "}}").replace(_PLACEHOLDER, "{}", 1)
        _templates[key] = template
    return template.format(int(pk))
