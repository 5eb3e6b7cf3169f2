from django.urls import path

from woonafspraken.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("scorebord.pdf", views.scoreboard_pdf, name="scoreboard_pdf"),
    path("<str:kind>/download/", views.report_download, name="download"),
    path("<str:kind>/maken/", views.job_request, name="job_request"),
    path("opdrachten/<int:pk>/", views.job_detail, name="job"),
    path("opdrachten/<int:pk>/download/", views.job_download, name="job_download"),
]
