"""API tokens (`/api/v1/token/`): issued on the password **and** the second factor when the account has one or
its role requires one; they expire after `API_TOKEN_HOURS` and can be revoked (DELETE, a password change, an
administrator's reset, turning the second factor off)."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_otp import match_token
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import audit, services
from accounts.authentication import ExpiringTokenAuthentication, token_expires_at
from accounts.models import SecurityEvent
from accounts.throttle import account_delay


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="Mã xác thực (TOTP) hoặc mã dự phòng; bắt buộc khi tài khoản đã bật xác thực hai bước.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class TokenView(APIView):
    """POST: a new token for username + password (+ second factor); the previous token stops working.
    DELETE: revoke the caller's token."""

    authentication_classes = [ExpiringTokenAuthentication]
    serializer_class = TokenRequestSerializer

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def _refused(self, message: str, code: str, status_code: int = status.HTTP_400_BAD_REQUEST) -> Response:
        return Response({"message": message, "extra": {"code": code}}, status=status_code)

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer, 429: OpenApiResponse(description="Đăng nhập sai quá nhiều lần.")},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        username = data["username"]
        django_request = request._request
        delay = account_delay(username)
        if delay:
            audit.record(SecurityEvent.Kind.LOGIN_DELAYED, request=django_request, username=username, seconds=delay)
            message = _("Tài khoản này vừa đăng nhập sai nhiều lần. Vui lòng thử lại sau %(seconds)s giây.")
            return self._refused(message % {"seconds": delay}, "delayed", status.HTTP_429_TOO_MANY_REQUESTS)
        # The Django request: django-axes counts the failure per address and marks a lockout on it.
        user = authenticate(django_request, username=username, password=data["password"])
        if user is None:
            return self._refused(_("Tên đăng nhập hoặc mật khẩu không đúng."), "invalid_credentials")
        if services.must_change_password(user):
            return self._refused(
                _("Mật khẩu này do quản trị đặt: hãy đăng nhập trên giao diện web và đổi mật khẩu trước."),
                "password_change_required",
                status.HTTP_403_FORBIDDEN,
            )
        pending = services.mfa_pending(user)
        if pending == "setup":
            return self._refused(
                _("Vai trò của bạn bắt buộc xác thực hai bước: hãy bật nó trên giao diện web trước."),
                "mfa_setup_required",
                status.HTTP_403_FORBIDDEN,
            )
        if pending == "verify":
            otp = (data.get("otp") or "").strip().replace(" ", "")
            if not otp:
                return self._refused(_("Cần mã xác thực hai bước (trường otp)."), "otp_required")
            device = match_token(user, otp)
            if device is None:
                audit.record(SecurityEvent.Kind.MFA_FAILED, request=django_request, user=user, stage="api_token")
                return self._refused(_("Mã xác thực hoặc mã dự phòng không đúng."), "otp_invalid")
        token = services.api_token_issue(user=user, request=django_request, mfa=pending == "verify")
        return Response({"token": token.key, "expires_at": token_expires_at(token)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        services.api_token_revoke(user=request.user, request=request._request, reason="api")
        return Response(status=status.HTTP_204_NO_CONTENT)
