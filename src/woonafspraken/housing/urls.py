from django.urls import path

from woonafspraken.housing import views

app_name = "housing"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("corporatie/<int:organisation_id>/", views.corporation, name="corporation"),
    path("aanleveren/", views.deliver, name="deliver"),
    path("aanleveren/voorraad-sjabloon/", views.stock_template_download, name="stock_template"),
    path("aanleveren/planning-sjabloon/", views.pipeline_template_download, name="pipeline_template"),
    path("aanleveren/voorraad/", views.stock_upload, name="stock_upload"),
    path("aanleveren/planning/", views.pipeline_upload, name="pipeline_upload"),
    path("gerealiseerd/", views.realised_choose, name="realised_choose"),
    path("gerealiseerd/<int:organisation_id>/<int:year>/", views.realised, name="realised"),
    path("vooruitblik/uitgangspunten/", views.assumptions, name="assumptions"),
    path("referentiecijfers/", views.reference, name="reference"),
]
