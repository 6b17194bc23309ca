from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("ky/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("ky/<int:pk>/tong-hop.<str:fmt>", views.cycle_export, name="cycle_export"),
    path("don-vi/<int:pk>/", views.report_detail, name="report_detail"),
    path("don-vi/<int:pk>/ban-ky-so/", views.report_file, name="report_file"),
    path("chi-so-766/", views.index766_view, name="index766"),
]
