from django.urls import path

from woonafspraken.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_index, name="index"),
    path("thema/<int:number>/", views.indicator_theme, name="theme"),
    path("afspraak/<str:number>/", views.indicator_agreement, name="agreement"),
    path("importeren/", views.figures_import, name="import"),
    path("sjabloon/", views.figures_template, name="template"),
    path("<str:code>/", views.indicator_detail, name="detail"),
    path("<str:code>/invoeren/", views.indicator_enter, name="enter"),
    path("<str:code>/doelen/", views.indicator_targets, name="targets"),
    path("<str:code>/doelen/<int:pk>/verwijderen/", views.indicator_target_delete, name="target-delete"),
]
