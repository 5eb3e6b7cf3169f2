from django.urls import URLPattern

app_name = "annual_plans"
urlpatterns: list[URLPattern] = []
