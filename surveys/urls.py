from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("phieu-giay/", views.paper_entry, name="paper_entry"),
    path("lay-mau/", views.sample, name="sample"),
    path("y-kien/<int:pk>/duyet/", views.moderate, name="moderate"),
    path("don-vi/<str:unit_code>/", views.answer_public, name="answer_public"),
    path("<str:token>/", views.answer_by_token, name="answer"),
]
