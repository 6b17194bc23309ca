from django.urls import path

from core.api import Router
from onestop.api import views

router = Router()
router.register("procedures", views.ProcedureViewSet, basename="procedure")
router.register("dossiers", views.DossierViewSet, basename="dossier")
router.register("targets", views.TargetViewSet, basename="target")

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("imports/procedures/", views.import_procedures, name="import-procedures"),
    path("imports/dossiers/", views.import_dossiers, name="import-dossiers"),
    path("imports/jobs/<int:pk>/", views.import_job, name="import-job"),
    *router.urls,
]
