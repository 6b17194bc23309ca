from core.api import Router
from plans.api import views

router = Router()
router.register("kinds", views.PlanKindViewSet, basename="plankind")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("register", views.RegisterViewSet, basename="register")
urlpatterns = router.urls
