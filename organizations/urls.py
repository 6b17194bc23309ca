from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("them/", views.unit_edit, name="unit_add"),
    path("nhap/", views.unit_import, name="unit_import"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("nhom/", views.group_list, name="group_list"),
    path("nhom/them/", views.group_edit, name="group_add"),
    path("nhom/<int:pk>/", views.group_detail, name="group_detail"),
    path("nhom/<int:pk>/sua/", views.group_edit, name="group_edit"),
    path("can-bo/", views.people, name="people"),
]
