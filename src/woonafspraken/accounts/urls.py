from django.urls import path

from woonafspraken.accounts import oidc

app_name = "accounts"
urlpatterns = [
    # The callback first: "terug" is no provider's slug.
    path("terug/", oidc.SingleSignOnCallbackView.as_view(), name="sso_callback"),
    path("<slug:slug>/", oidc.SingleSignOnStartView.as_view(), name="sso_start"),
]
