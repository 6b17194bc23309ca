import datetime as dt

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from onestop.selectors import unit_tree_ids
from organizations import permissions
from organizations.models import Unit
from surveys.selectors import satisfaction_figures


def _date(request, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.query_params[name])
    except (KeyError, ValueError) as exc:
        raise ValidationError({name: "Cần ngày dạng YYYY-MM-DD."}) from exc


@extend_schema(
    parameters=[
        OpenApiParameter("from", str, required=True, description="YYYY-MM-DD"),
        OpenApiParameter("to", str, required=True, description="YYYY-MM-DD"),
        OpenApiParameter("unit", int, description="a unit id: figures for that unit and everything beneath it"),
    ],
    responses={200: dict},
)
@api_view(["GET"])
@permission_classes([drf_permissions.IsAuthenticated])
def figures(request):
    """DOMAIN §5 satisfaction figures for a period: responses, share satisfied per factor, the index;
    `total` and `units`, limited to the units the user may see."""
    start, end = _date(request, "from"), _date(request, "to")
    if end < start:
        raise ValidationError({"to": "Ngày kết thúc phải sau ngày bắt đầu."})
    visible = permissions.unit_ids(request.user, "view")
    unit_ids = visible
    if request.query_params.get("unit"):
        if not request.query_params["unit"].isdecimal():
            raise NotFound
        unit = get_object_or_404(Unit, pk=request.query_params["unit"])
        if visible is not None and unit.pk not in visible:
            raise NotFound
        subtree = set(unit_tree_ids(unit))
        unit_ids = subtree if visible is None else subtree & visible
    return Response(satisfaction_figures(start=start, end=end, unit_ids=unit_ids))
