from django.urls import path

from woonafspraken.renewal.views import signing

urlpatterns = [
    path("", signing.signing_page, name="signing"),
    path("tekst/", signing.signing_freeze, name="signing_freeze"),
    path("partij/<int:organisation_id>/", signing.signing_sign, name="signing_sign"),
]
