from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nhap/", views.plan_import, name="plan_import"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/tep/", views.plan_file, name="plan_file"),
    path("<int:pk>/xuat.<str:fmt>", views.plan_export, name="plan_export"),
    path("dang-ky/them/", views.requirement_create, name="requirement_create"),
    path("dang-ky/<int:pk>/", views.register, name="register"),
    path("dang-ky/<int:pk>/nhac/", views.register_remind, name="register_remind"),
]
