from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import SecurityEvent
from accounts.throttle import account_delay


class LoginForm(AuthenticationForm):
    """The password form, with the per-account delay checked before the password is."""

    delayed = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        delay = account_delay(username)
        if delay:
            self.delayed = True
            audit.record(SecurityEvent.Kind.LOGIN_DELAYED, request=self.request, username=username, seconds=delay)
            raise ValidationError(
                _("Tài khoản này vừa đăng nhập sai nhiều lần. Vui lòng thử lại sau %(seconds)s giây."),
                code="delayed",
                params={"seconds": delay},
            )
        return super().clean()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
