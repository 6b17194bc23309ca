from django.urls import path

from core.api import Router
from quality.api import views

router = Router()
router.register("systems", views.SystemViewSet, basename="system")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = [
    path("imports/documents/", views.import_documents, name="import-documents"),
    *router.urls,
]
