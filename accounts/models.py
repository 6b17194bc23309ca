"""Account state beside django.contrib.auth's User, and the append-only security event log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountState(models.Model):
    """What the account policy needs to know about a user that auth.User does not keep."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state", verbose_name=_("người dùng")
    )
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    password_changed_at = models.DateTimeField(_("đổi mật khẩu lúc"), null=True, blank=True)
    disabled_for_inactivity_at = models.DateTimeField(_("khoá vì không sử dụng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("trạng thái tài khoản")
        verbose_name_plural = _("trạng thái tài khoản")

    def __str__(self) -> str:
        return str(self.user)


class SecurityEventQuerySet(models.QuerySet):
    """Append-only: no bulk update or delete, except `purge_before` (the retention purge)."""

    def update(self, **kwargs):
        raise PermissionError("security events are append-only")

    def delete(self):
        raise PermissionError("security events are append-only; use purge_security_events")

    def purge_before(self, cutoff) -> int:
        from accounts.append_only import purge_window

        with purge_window(cutoff):
            deleted, _per_model = models.QuerySet.delete(self.filter(created_at__lt=cutoff))
        return deleted


class SecurityEvent(models.Model):
    """One security-relevant event: who, when, from where, what. Written once, never changed."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
        LOGIN_DELAYED = "login_delayed", _("Đăng nhập bị hoãn (tài khoản)")
        LOCKED_OUT = "locked_out", _("Địa chỉ bị tạm chặn")
        LOGOUT = "logout", _("Đăng xuất")
        SESSION_EXPIRED = "session_expired", _("Hết phiên làm việc")
        MFA_ENABLED = "mfa_enabled", _("Bật xác thực hai bước")
        MFA_DISABLED = "mfa_disabled", _("Tắt xác thực hai bước")
        MFA_FAILED = "mfa_failed", _("Mã xác thực sai")
        MFA_VERIFIED = "mfa_verified", _("Xác thực hai bước")
        PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
        PASSWORD_RESET_BY_ADMIN = "password_reset", _("Quản trị đặt lại mật khẩu")
        ACCOUNT_DISABLED = "account_disabled", _("Khoá tài khoản không sử dụng")
        ACCESS_DENIED = "access_denied", _("Từ chối truy cập")
        IMPORT = "import", _("Nhập dữ liệu")
        EXPORT = "export", _("Xuất dữ liệu")
        API_TOKEN_ISSUED = "api_token_issued", _("Cấp token API")
        API_TOKEN_REVOKED = "api_token_revoked", _("Thu hồi token API")

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("loại sự kiện"), max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người dùng"),
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sự kiện an toàn thông tin")
        verbose_name_plural = _("nhật ký an toàn thông tin")

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M:%S} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("security events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("security events are append-only; use purge_security_events")
