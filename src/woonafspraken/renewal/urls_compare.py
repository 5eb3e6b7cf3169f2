from django.urls import path

from woonafspraken.renewal.views import compare

urlpatterns = [
    path("", compare.compare_page, name="compare"),
    path("vergelijking.docx", compare.compare_docx, name="compare_docx"),
]
