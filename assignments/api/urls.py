from assignments.api import views
from core.api import Router

router = Router()
router.register("directives", views.DirectiveViewSet, basename="directive")
router.register("items", views.DirectiveItemViewSet, basename="item")
router.register("assignments", views.AssignmentViewSet, basename="assignment")
router.register("reports", views.ProgressReportViewSet, basename="report")
router.register("extensions", views.ExtensionRequestViewSet, basename="extension")

urlpatterns = router.urls
