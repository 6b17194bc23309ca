from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts import api as account_api
from accounts import views as account_views
from core import api as core_api
from core import views as core_views

# Each domain app owns `<app>/urls.py` (HTML) and `<app>/api/urls.py` (REST, under /api/v1/).
DOMAIN_APPS = [
    ("organizations", "don-vi/"),
    ("assignments", "nhiem-vu/"),
    ("onestop", "mot-cua/"),
    ("parindex", "chi-so-cchc/"),
    ("reports", "bao-cao/"),
    ("plans", "ke-hoach/"),
    ("quality", "iso/"),
    ("records", "luu-tru/"),
    ("surveys", "khao-sat/"),
    ("portal", "cong-khai/"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", core_views.metrics, name="metrics"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/", include("accounts.urls")),
    # One login for everyone: the admin's own form would skip the per-account delay and the second factor.
    path("quan-tri/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("quan-tri/", admin.site.urls),
    path("api/v1/token/", account_api.TokenView.as_view(), name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
for app, prefix in DOMAIN_APPS:
    urlpatterns += [
        path(prefix, include(f"{app}.urls")),
        path(f"api/v1/{app}/", include((f"{app}.api.urls", f"{app}-api"))),
    ]

# Last: any other /api/ address is a JSON 404.
urlpatterns += [re_path(r"^api/", core_api.not_found)]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
