from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.9312 → "93,1 %" (the locale's decimal mark); None → "—"."""
    if value is None or value == "":
        return "—"
    return f"{number_format(float(value) * 100, 1)} %"
