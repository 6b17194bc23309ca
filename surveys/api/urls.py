from django.urls import path

from surveys.api import views

urlpatterns = [
    path("figures/", views.figures, name="figures"),
]
