from core.api import Router
from portal.api import views

router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("categories", views.CategoryViewSet, basename="category")

urlpatterns = router.urls
