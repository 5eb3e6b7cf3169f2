from django.urls import path

from woonafspraken.core import views

app_name = "core"
urlpatterns = [path("<str:label>/<int:pk>/", views.object_history, name="history")]
