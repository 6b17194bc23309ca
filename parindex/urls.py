from django.urls import path

from parindex import views

app_name = "parindex"
urlpatterns = [
    path("", views.set_list, name="set_list"),
    path("nhap/", views.set_import, name="set_import"),
    path("bo/<int:pk>/", views.set_detail, name="set_detail"),
    path("bo/<int:pk>/xep-hang/", views.ranking_view, name="ranking"),
    path("danh-gia/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("danh-gia/<int:pk>/xuat.<str:fmt>", views.assessment_export, name="assessment_export"),
    path("diem/<int:pk>/", views.score_detail, name="score_detail"),
    path("tai-lieu/<int:pk>/", views.evidence_file, name="evidence_file"),
]
