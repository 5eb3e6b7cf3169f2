from django.urls import path

from woonafspraken.documents import views

app_name = "documents"
urlpatterns = [
    path("importeren/", views.import_document, name="import"),
    path("importeren/<int:review_id>/", views.review_import, name="review"),
]
