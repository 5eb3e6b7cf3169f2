from django.urls import path

from woonafspraken.operations import views

app_name = "operations"
urlpatterns = [path("<str:label>/<int:pk>/", views.object_history, name="history")]
