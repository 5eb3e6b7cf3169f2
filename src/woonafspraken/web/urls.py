from django.urls import path

from woonafspraken.web import views

app_name = "web"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("start/", views.dashboard, name="dashboard"),
    path("mijn-werk/", views.my_work, name="my_work"),
]
