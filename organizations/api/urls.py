from django.urls import path
from rest_framework.routers import DefaultRouter

from organizations.api import views

router = DefaultRouter()
router.register("levels", views.LevelViewSet, basename="level")
router.register("units", views.UnitViewSet, basename="unit")
router.register("unit-groups", views.UnitGroupViewSet, basename="unitgroup")
router.register("memberships", views.MembershipViewSet, basename="membership")

urlpatterns = [path("me/", views.me, name="me"), *router.urls]
