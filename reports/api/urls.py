from django.urls import path

from core.api import Router
from reports.api import views

router = Router()
router.register("kinds", views.ReportKindViewSet, basename="reportkind")
router.register("cycles", views.ReportCycleViewSet, basename="reportcycle")
router.register("unit-reports", views.UnitReportViewSet, basename="unitreport")
urlpatterns = [path("index766/", views.Index766View.as_view(), name="index766"), *router.urls]
