from typing import Any

from django.contrib.auth import views as auth_views

from woonafspraken.accounts.oidc import enabled_providers


class LoginView(auth_views.LoginView):
    """The local login (user name and password), with a button per enabled identity provider."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "identity_providers": enabled_providers()}
