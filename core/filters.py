"""The API's filter backend (kept apart from core.api: DRF imports it from settings while loading)."""

from django.utils.translation import gettext as _
from django_filters import BooleanFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

BOOLEAN_VALUES = {"true", "false", "1", "0"}


class FilterBackend(DjangoFilterBackend):
    """django-filter, but a yes/no filter given anything else (`?open=maybe`) is a 400 naming the parameter,
    not silently ignored (django-filter reads an unknown value as "no filter")."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            errors = {
                name: [_("Giá trị phải là true hoặc false.")]
                for name, declared in filterset.filters.items()
                if isinstance(declared, BooleanFilter)
                and any(value.lower() not in BOOLEAN_VALUES for value in request.query_params.getlist(name))
            }
            if errors:
                raise ValidationError(errors)
        return filterset
