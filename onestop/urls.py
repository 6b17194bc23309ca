from django.urls import path

from onestop import views

app_name = "onestop"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tthc-khong-phat-sinh-ho-so/", views.without_dossiers, name="without_dossiers"),
    path("bao-cao/", views.report, name="report"),
    path("nhap/", views.import_data, name="import"),
    path("nhap/<int:pk>/", views.import_job, name="import_job"),
]
