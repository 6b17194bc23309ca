from django.urls import path

from quality import views

app_name = "quality"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("he-thong/<int:pk>/", views.system_detail, name="system"),
    path("nhap/", views.import_documents, name="import"),
    path("don-vi/<int:unit_pk>/khai-bao/", views.system_settings, name="settings"),
    path("tep/<slug:kind>/<int:pk>/", views.file_download, name="file"),
]
