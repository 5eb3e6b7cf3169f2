"""The bod pages, under /convenanten/<id>/vervolg/bod/."""

from django.urls import path

from woonafspraken.renewal.views import bod as views

urlpatterns = [
    path("", views.bod_list, name="bod_list"),
    path("nieuw/", views.bod_new, name="bod_new"),
    path("<int:pk>/", views.bod_view, name="bod"),
    path("<int:pk>/bewerken/", views.bod_edit, name="bod_edit"),
    path("<int:pk>/document/", views.bod_document, name="bod_document"),
    path("<int:pk>/onderdelen/nieuw/", views.bod_item_add, name="bod_item_add"),
    path("<int:pk>/indienen/", views.bod_submit, name="bod_submit"),
    path("<int:pk>/reactie/", views.bod_respond, name="bod_respond"),
    path("onderdelen/<int:pk>/", views.bod_item_edit, name="bod_item_edit"),
    path("onderdelen/<int:pk>/verwijderen/", views.bod_item_remove, name="bod_item_remove"),
]
