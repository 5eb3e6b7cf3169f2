"""The draft successor's pages, under /convenanten/<covenant_id>/vervolg/concept/ (the draft's own id;
``nieuw/`` takes the id of the covenant the draft follows up)."""

from django.urls import URLPattern, path

from woonafspraken.renewal.views import draft as views

urlpatterns: list[URLPattern] = [
    path("", views.draft_overview, name="draft"),
    path("nieuw/", views.draft_start, name="draft_start"),
    path("afspraak-toevoegen/", views.draft_add, name="draft_add"),
    path("samenvoegen/", views.draft_merge, name="draft_merge"),
    path("afspraak/<str:number>/", views.draft_agreement, name="draft_agreement"),
    path("afspraak/<str:number>/herschrijven/", views.draft_rewrite, name="draft_rewrite"),
    path("afspraak/<str:number>/splitsen/", views.draft_split, name="draft_split"),
    path("afspraak/<str:number>/nummeren/", views.draft_renumber, name="draft_renumber"),
    path("afspraak/<str:number>/laten-vervallen/", views.draft_drop, name="draft_drop"),
]
