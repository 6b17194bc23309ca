from django.urls import path
from rest_framework.routers import DefaultRouter

from reports.api import views

router = DefaultRouter()
router.register("kinds", views.ReportKindViewSet, basename="reportkind")
router.register("cycles", views.ReportCycleViewSet, basename="reportcycle")
router.register("unit-reports", views.UnitReportViewSet, basename="unitreport")
urlpatterns = [path("index766/", views.Index766View.as_view(), name="index766"), *router.urls]
