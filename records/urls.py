from django.urls import path

from records import views

app_name = "records"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("don-vi/<int:pk>/", views.unit_records, name="unit"),
    path("nhap/", views.import_work_files, name="import"),
    path("tep/danh-muc/<int:pk>/", views.file_list_download, name="file_list_file"),
]
