from django.urls import path

from woonafspraken.national import views

app_name = "national"
urlpatterns = [
    path("vergelijking/", views.comparison_page, name="comparison"),
    path("vergelijking/export.<str:fmt>", views.comparison_download, name="export"),
    path(
        "convenanten/<int:covenant_id>/landelijke-vergelijking/",
        views.comparison_opt_in,
        name="opt_in",
    ),
]
