from django.urls import path

from woonafspraken.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.covenant_home, name="covenant"),
    path("themas/<int:number>/", views.theme_detail, name="theme"),
    path("afspraken/", views.agreement_list_view, name="list"),
    path("afspraken/<str:number>/", views.agreement_detail_view, name="detail"),
    path("afspraken/<str:number>/wijzigen/", views.agreement_amend_view, name="amend"),
    path("export/<str:kind>.<str:fmt>", views.export_download, name="export"),
]
