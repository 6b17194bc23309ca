from rest_framework.routers import DefaultRouter

from plans.api import views

router = DefaultRouter()
router.register("kinds", views.PlanKindViewSet, basename="plankind")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("register", views.RegisterViewSet, basename="register")
urlpatterns = router.urls
