from django.urls import URLPattern

app_name = "housing"
urlpatterns: list[URLPattern] = []
