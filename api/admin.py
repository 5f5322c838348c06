"""Admin for integration clients, their keys and the request log: the administrator's only
(no role's ADMIN_ACCESS table names these models, see staff.admin_access)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from .models import ApiRequestLog, ClientAPIKey, ClockPunch, IntakeRecord, IntegrationClient, Scope
from .services.clients import create_client, issue_key, revoke_keys

# The library's own key model is not used: our keys belong to a client.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


def _show_once(request, client: IntegrationClient, key: str) -> None:
    messages.warning(
        request,
        _(
            "The API key for %(client)s is: %(key)s — copy it now and give it to the integrator "
            "safely: it is stored hashed and cannot be shown again."
        )
        % {"client": client.name, "key": key},
    )


class ClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = IntegrationClient
        fields = [
            "name",
            "channel",
            "scopes",
            "is_active",
            "allowed_ips",
            "requests_per_minute",
            "note",
        ]


class KeyInline(admin.TabularInline):
    model = ClientAPIKey
    fields = ("prefix", "name", "created", "expiry_date", "revoked")
    readonly_fields = ("prefix", "name", "created")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a key is made by the "new key" action, which shows it once


@admin.register(IntegrationClient)
class IntegrationClientAdmin(admin.ModelAdmin):
    form = ClientForm
    list_display = ("name", "channel", "scope_list", "is_active", "requests_per_minute")
    list_filter = ("is_active", "channel")
    search_fields = ("name",)
    readonly_fields = ("system_user", "created_at")
    inlines = [KeyInline]
    actions = ["new_key", "revoke_all_keys"]

    @admin.display(description=_("scopes"))
    def scope_list(self, obj) -> str:
        return ", ".join(obj.scopes or [])

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        _show_once(request, obj, create_client(client=obj))

    @admin.action(description=_("Make a new API key (shown once)"))
    def new_key(self, request, queryset) -> None:
        for client in queryset:
            _show_once(request, client, issue_key(client=client, name=f"{client.name} (admin)"))

    @admin.action(description=_("Revoke every key of the selected clients"))
    def revoke_all_keys(self, request, queryset) -> None:
        count = sum(revoke_keys(client=client) for client in queryset)
        messages.success(request, _("%(count)s keys revoked.") % {"count": count})


@admin.register(ClientAPIKey)
class ClientAPIKeyAdmin(APIKeyModelAdmin):
    list_display = [*APIKeyModelAdmin.list_display, "client"]
    list_filter = ("client", "revoked")
    search_fields = ("name", "prefix", "client__name")


@admin.register(ApiRequestLog)
class ApiRequestLogAdmin(admin.ModelAdmin):
    list_display = ("at", "client", "method", "endpoint", "status", "record_count", "duration_ms")
    list_filter = ("client", "status", "method")
    search_fields = ("endpoint",)
    date_hierarchy = "at"
    list_select_related = ("client",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IntakeRecord)
class IntakeRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "client", "reference", "idempotency_key", "lead", "created_lead")
    list_filter = ("client", "created_lead")
    search_fields = ("reference", "idempotency_key")
    list_select_related = ("client", "lead")
    readonly_fields = [f.name for f in IntakeRecord._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ClockPunch)
class ClockPunchAdmin(admin.ModelAdmin):
    list_display = ("punched_at", "staff", "device", "client", "received_at")
    list_filter = ("client",)
    search_fields = ("staff__employee_no", "staff__name", "device")
    list_select_related = ("staff", "client")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
