from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from woonafspraken.accounts.views import LoginView

urlpatterns = [
    path("", include("woonafspraken.web.urls")),
    path("inloggen/", LoginView.as_view(), name="login"),
    path("inloggen/sso/", include("woonafspraken.accounts.urls")),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
    path("convenanten/<int:covenant_id>/", include("woonafspraken.agreements.urls")),
    path("convenanten/<int:covenant_id>/woningen/", include("woonafspraken.housing.urls")),
    path("convenanten/<int:covenant_id>/jaarschijf/", include("woonafspraken.annual_plans.urls")),
    path("convenanten/<int:covenant_id>/indicatoren/", include("woonafspraken.indicators.urls")),
    path("convenanten/<int:covenant_id>/overleg/", include("woonafspraken.meetings.urls")),
    path("convenanten/<int:covenant_id>/rapportages/", include("woonafspraken.reports.urls")),
    path("convenanten/<int:covenant_id>/vervolg/", include("woonafspraken.renewal.urls")),
    path("", include("woonafspraken.national.urls")),  # /vergelijking/ and a covenant's opt-in page
    path("documenten/", include("woonafspraken.documents.urls")),
    path("geschiedenis/", include("woonafspraken.operations.urls")),
]
