from django.urls import path

from core.api import Router
from records.api import views

router = Router()
router.register("file-lists", views.FileListViewSet, basename="file-list")
router.register("work-files", views.WorkFileViewSet, basename="work-file")
router.register("work-file-counts", views.WorkFileCountViewSet, basename="work-file-count")
router.register("backlogs", views.BacklogViewSet, basename="backlog")

urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("imports/work-files/", views.import_work_files, name="import-work-files"),
    *router.urls,
]
