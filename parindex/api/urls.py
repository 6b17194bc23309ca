from rest_framework.routers import DefaultRouter

from parindex.api import views

router = DefaultRouter()
router.register("criteria-sets", views.CriteriaSetViewSet, basename="criteriaset")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("scores", views.ScoreViewSet, basename="score")
urlpatterns = router.urls
