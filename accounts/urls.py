from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("xac-thuc-hai-buoc/", views.mfa_setup, name="mfa_setup"),
    path("xac-thuc-hai-buoc/tat/", views.mfa_disable, name="mfa_disable"),
    path("xac-thuc/", views.mfa_verify, name="mfa_verify"),
    path("ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("token-api/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
]
