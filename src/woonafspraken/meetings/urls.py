from django.urls import path

from woonafspraken.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("soorten/", views.type_list, name="types"),
    path("soorten/nieuw/", views.type_edit, name="type_new"),
    path("soorten/<int:pk>/", views.type_edit, name="type_edit"),
    path("nieuw/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/", views.meeting_view, name="meeting"),
    path("<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("acties/", views.action_list, name="actions"),
    path("acties/nieuw/", views.action_new, name="action_new"),
    path("acties/<int:pk>/status/", views.action_status, name="action_status"),
    path("knelpunten/", views.concern_list, name="concerns"),
    path("knelpunten/nieuw/", views.concern_new, name="concern_new"),
    path("knelpunten/<int:pk>/", views.concern_view, name="concern"),
    path("werkzaamheden/", views.work_list, name="works"),
    path("werkzaamheden/nieuw/", views.work_edit, name="work_new"),
    path("werkzaamheden/<int:pk>/", views.work_edit, name="work_edit"),
    path("advies/", views.advice_list, name="advice_list"),
    path("advies/nieuw/", views.advice_new, name="advice_new"),
    path("advies/eigen-initiatief/", views.advice_offer, name="advice_offer"),
    path("advies/<int:pk>/", views.advice_view, name="advice"),
    path("documenten/", views.document_list, name="documents"),
    path("documenten/nieuw/", views.document_new, name="document_new"),
    path("documenten/<int:pk>/download/", views.document_download, name="document_download"),
    path("documenten/<int:pk>/verwijderen/", views.document_remove, name="document_remove"),
    path("agenda.ics", views.calendar_download, name="calendar"),
    path("cadans.<str:fmt>", views.cadence_download, name="cadence_export"),
]
