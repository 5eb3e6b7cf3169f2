from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "kvk_number", "represents_tenants_of"]
    list_filter = ["kind"]
    search_fields = ["name", "kvk_number"]
    fields = ["name", "kind", "kvk_number", "short_names", "represents_tenants_of"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "get_full_name", "organisation", "role", "is_active"]
    list_filter = ["organisation", "role", "is_active"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )
