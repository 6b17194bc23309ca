from core.api import Router
from parindex.api import views

router = Router()
router.register("criteria-sets", views.CriteriaSetViewSet, basename="criteriaset")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("scores", views.ScoreViewSet, basename="score")
urlpatterns = router.urls
