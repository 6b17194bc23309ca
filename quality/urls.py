from django.urls import path

from quality import views

app_name = "quality"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("he-thong/<int:pk>/", views.system_detail, name="system"),
    path("nhap/", views.import_documents, name="import"),
]
