from rest_framework.routers import DefaultRouter

from assignments.api import views

router = DefaultRouter()
router.register("directives", views.DirectiveViewSet, basename="directive")
router.register("items", views.DirectiveItemViewSet, basename="item")
router.register("assignments", views.AssignmentViewSet, basename="assignment")
router.register("reports", views.ProgressReportViewSet, basename="report")
router.register("extensions", views.ExtensionRequestViewSet, basename="extension")

urlpatterns = router.urls
