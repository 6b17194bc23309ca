from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import ApplicationError
from core.tabular import ImportFailed


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
