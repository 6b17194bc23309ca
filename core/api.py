from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import ApplicationError
from core.tabular import ImportFailed

# The largest id a client may send: ids are 64-bit (BigAutoField); a larger number would overflow the database
# driver (SQLite: OverflowError, PostgreSQL: out of range) and answer 500 instead of 400.
MAX_ID = 2**63 - 1


def exception_handler(exc, context):
    """One JSON shape for rule violations: {"message": str, "extra": {...}}."""
    if isinstance(exc, ImportFailed):
        return Response(
            {"message": exc.message, "extra": {"errors": [e.as_dict() for e in exc.errors]}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, ApplicationError):
        return Response({"message": exc.message, "extra": exc.extra}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response({"message": "; ".join(exc.messages), "extra": detail}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


ERROR_RESPONSES = {
    "400": "Dữ liệu gửi lên không hợp lệ (mỗi trường sai được nêu tên).",
    "401": "Chưa đăng nhập hoặc token không hợp lệ.",
    "403": "Không có quyền thực hiện thao tác này.",
    "404": "Không tìm thấy (hoặc ngoài phạm vi của người dùng).",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation may answer 400/401/403/404 with a JSON body;
    say so in the schema, so that clients (and Schemathesis' status-code check) know it."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {
            "type": "object",
            "description": "{detail} from DRF, or {message, extra} for a rule the request broke.",
            "additionalProperties": True,
        },
    )
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            errors = dict(ERROR_RESPONSES)
            if "requestBody" in operation:
                errors["415"] = "Kiểu nội dung (Content-Type) không được hỗ trợ."
            for code, description in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            _document_empty_filters(operation)
    return result


def _document_empty_filters(operation: dict) -> None:
    """A choice filter given an empty value (`?kind=`) does not filter, as django-filter does for every
    filter: say so in the schema (an empty string among the choices), so that clients and Schemathesis'
    negative-data check know it."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter.get("in") == "query" and isinstance(schema.get("enum"), list) and "" not in schema["enum"]:
            schema["enum"] = [*schema["enum"], ""]


class Router(DefaultRouter):
    """The router of every app's API: ids are numbers, so `…/abc/cancel/` is a 404 (JSON), never a 500
    from a database lookup of "abc". A viewset with another key sets its own `lookup_value_regex`."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not getattr(viewset, "lookup_value_regex", None):
            viewset.lookup_value_regex = "[0-9]+"
        return super().get_lookup_regex(viewset, lookup_prefix)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 (not the HTML page meant for people)."""
    raise NotFound


class SlugRelatedField(serializers.SlugRelatedField):
    """A writable slug lookup that refuses text PostgreSQL cannot hold (a NUL byte) with a 400, instead of
    sending it to the database (DataError → 500); SQLite would simply find nothing."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)
