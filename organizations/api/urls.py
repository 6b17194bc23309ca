from django.urls import path

from core.api import Router
from organizations.api import views

router = Router()
router.register("levels", views.LevelViewSet, basename="level")
router.register("units", views.UnitViewSet, basename="unit")
router.register("unit-groups", views.UnitGroupViewSet, basename="unitgroup")
router.register("memberships", views.MembershipViewSet, basename="membership")

urlpatterns = [path("me/", views.me, name="me"), *router.urls]
