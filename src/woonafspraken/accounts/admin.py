from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.accounts.models import ClaimMapping, ExternalIdentity, IdentityProvider, Organisation, User
from woonafspraken.accounts.oidc import DiscoveryError, discover_endpoints

ENDPOINT_FIELDS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "kvk_number", "represents_tenants_of"]
    list_filter = ["kind"]
    search_fields = ["name", "kvk_number"]
    fields = ["name", "kind", "kvk_number", "short_names", "represents_tenants_of"]


class HttpsURLField(forms.URLField):
    """A provider's address without a scheme is an https address."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", **kwargs)


class IdentityProviderForm(forms.ModelForm[IdentityProvider]):
    """The client secret is write-only: never shown again; left empty when changing, the stored one stays."""

    client_secret = forms.CharField(
        label=_("client secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Not shown again after saving. Leave empty to keep the stored secret."),
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "name",
            "slug",
            "enabled",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
            "username_claim",
            *ENDPOINT_FIELDS,
        ]
        field_classes = {name: HttpsURLField for name in ("issuer", *ENDPOINT_FIELDS)}

    def clean_client_secret(self) -> str:
        secret: str = self.cleaned_data["client_secret"]
        if secret:
            return secret
        if self.instance.pk and self.instance.client_secret:
            return self.instance.client_secret
        raise forms.ValidationError(_("Enter the client secret the provider gave you."), code="required")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors or not cleaned.get("enabled"):
            return cleaned
        provider = IdentityProvider(
            **{name: cleaned.get(name, "") for name in ENDPOINT_FIELDS}, issuer=cleaned.get("issuer", "")
        )
        if not provider.is_discovered():
            try:
                discover_endpoints(provider)
            except DiscoveryError as error:
                raise forms.ValidationError({"issuer": str(error)}) from error
            for name in ENDPOINT_FIELDS:
                cleaned[name] = getattr(provider, name)
        return cleaned


class ClaimMappingInline(admin.TabularInline[ClaimMapping, IdentityProvider]):
    model = ClaimMapping
    extra = 1
    fields = ["claim", "value", "organisation", "role"]
    autocomplete_fields = ["organisation"]


@admin.register(IdentityProvider)
class IdentityProviderAdmin(SimpleHistoryAdmin):
    form = IdentityProviderForm
    list_display = ["name", "slug", "issuer", "enabled"]
    list_filter = ["enabled"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = (
        (None, {"fields": ("name", "slug", "enabled")}),
        (_("Provider"), {"fields": ("issuer", "client_id", "client_secret", "scopes", "username_claim")}),
        (
            _("Endpoints (read from the issuer's discovery document when left empty)"),
            {"fields": ENDPOINT_FIELDS, "classes": ("collapse",)},
        ),
    )
    inlines = [ClaimMappingInline]


class ExternalIdentityInline(admin.TabularInline[ExternalIdentity, User]):
    model = ExternalIdentity
    extra = 0
    fields = ["provider", "subject", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "get_full_name", "organisation", "role", "is_active"]
    list_filter = ["organisation", "role", "is_active"]
    inlines = [ExternalIdentityInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )
