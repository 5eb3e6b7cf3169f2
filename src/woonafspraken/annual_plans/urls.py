from django.urls import path

from woonafspraken.annual_plans import views

app_name = "annual_plans"
urlpatterns = [
    path("", views.plan_index, name="index"),
    path("nieuw/", views.plan_create, name="create"),
    path("bij-te-werken/", views.backlog, name="backlog"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender/<int:pk>/", views.milestone_edit, name="milestone"),
    path("<int:year>/", views.plan_detail, name="plan"),
    path("<int:year>/vaststellen/", views.plan_adopt, name="adopt"),
    path("<int:year>/afsluiten/", views.plan_close, name="close"),
    path("<int:year>/heropenen/", views.plan_reopen, name="reopen"),
    path("<int:year>/termijn/", views.plan_interval, name="interval"),
    path("<int:year>/activiteiten/nieuw/", views.activity_add, name="activity_add"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="activity"),
    path("activiteiten/<int:pk>/bewerken/", views.activity_edit, name="activity_edit"),
    path("activiteiten/<int:pk>/voortgang/", views.activity_progress, name="progress"),
    path("activiteiten/<int:pk>/reactie/", views.activity_comment, name="activity_comment"),
    path("afspraken/<str:number>/reactie/", views.agreement_comment, name="agreement_comment"),
]
