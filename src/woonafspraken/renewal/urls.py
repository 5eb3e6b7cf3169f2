"""The next covenant's pages, under /convenanten/<id>/vervolg/; one URL module per part."""

from django.urls import include, path

app_name = "renewal"
urlpatterns = [
    path("bod/", include("woonafspraken.renewal.urls_bod")),
    path("concept/", include("woonafspraken.renewal.urls_draft")),
    path("vergelijking/", include("woonafspraken.renewal.urls_compare")),
    path("ondertekening/", include("woonafspraken.renewal.urls_signing")),
]
