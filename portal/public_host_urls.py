"""URLconf of settings.PUBLIC_HOST (portal.middleware): the public site at "/", the survey answer pages, and the
language switch. Nothing of the staff site answers on that host."""

from django.urls import include, path

from core import views as core_views
from portal.urls import public_patterns
from portal.views.public import not_found
from surveys import views as survey_views

survey_patterns = [
    path("don-vi/<str:unit_code>/", survey_views.answer_public, name="answer_public"),
    path("<str:token>/", survey_views.answer_by_token, name="answer"),
]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("khao-sat/", include((survey_patterns, "surveys"))),
    path("", include((public_patterns, "portal"))),
]

handler404 = not_found
