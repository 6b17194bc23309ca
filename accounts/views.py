"""Login, the account page, password change and the second factor (TOTP with recovery codes)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticToken

from accounts import audit, services
from accounts.forms import LoginForm, TokenForm
from accounts.models import SecurityEvent
from accounts.signals import MFA_PENDING, MUST_CHANGE


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return str(reverse_lazy(default))


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.delayed:
            response.status_code = 429
        return response


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes: this client address failed too often; Vietnamese page, HTTP 429."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    if request.path.startswith("/api/"):
        message = _("Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau %(minutes)s phút.")
        return JsonResponse({"message": message % {"minutes": minutes}, "extra": {"code": "locked_out"}}, status=429)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@login_required
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "mfa_enabled": services.mfa_enabled(user),
            "mfa_required": services.mfa_required(user),
            "recovery_left": StaticToken.objects.filter(device__user=user).count(),
            "api_token_expires": services.api_token_expires(user=user),
        },
    )


@login_required
@require_POST
def api_token_revoke(request):
    if services.api_token_revoke(user=request.user, request=request, reason="account_page"):
        messages.success(request, _("Đã thu hồi token API."))
    return redirect("accounts:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user, request=self.request)
        self.request.session[MUST_CHANGE] = False
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forced"] = bool(self.request.session.get(MUST_CHANGE))
        return context


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")


@login_required
def mfa_setup(request):
    user = request.user
    if services.mfa_enabled(user) and not request.user.is_verified():
        return redirect("accounts:mfa_verify")
    device = services.mfa_enrol_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.mfa_enrol_confirm(user=user, device=device, token=form.cleaned_data["token"], request=request)
        if codes is not None:
            otp_login(request, device)
            request.session[MFA_PENDING] = ""
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        audit.record(SecurityEvent.Kind.MFA_FAILED, request=request, stage="setup")
        form.add_error("token", _("Mã xác thực không đúng. Kiểm tra giờ của điện thoại và thử lại."))
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
            "required": services.mfa_required(user),
            "next": _next(request),
        },
    )


@login_required
def mfa_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            request.session[MFA_PENDING] = ""
            audit.record(SecurityEvent.Kind.MFA_VERIFIED, request=request, device=device.__class__.__name__)
            return redirect(_next(request))
        audit.record(SecurityEvent.Kind.MFA_FAILED, request=request, stage="login")
        form.add_error("token", _("Mã xác thực hoặc mã dự phòng không đúng."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def mfa_disable(request):
    user = request.user
    if services.mfa_required(user):
        messages.error(request, _("Vai trò của bạn bắt buộc xác thực hai bước."))
    elif user.is_verified():
        services.mfa_disable(user=user, request=request)
        messages.success(request, _("Đã tắt xác thực hai bước."))
    return redirect("accounts:account")


@login_required
@require_POST
def recovery_codes(request):
    if not (services.mfa_enabled(request.user) and request.user.is_verified()):
        return redirect("accounts:account")
    codes = services.recovery_codes_generate(user=request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": str(reverse_lazy("accounts:account"))}
    )
