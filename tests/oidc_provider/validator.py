from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class GroupsValidator(OAuth2Validator):
    """Puts the user's name, e-mail and groups in the ID token and the userinfo, as many providers do."""

    oidc_claim_scope = None  # every claim whatever the scopes asked: the claims are what is under test

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "email": user.email,
            "preferred_username": user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "groups": [group.name for group in user.groups.order_by("name")],
        }
