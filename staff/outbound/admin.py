"""The administrator's pages for outbound notices: robots and subscriptions are edited here;
events and deliveries are read-only, with a "redeliver" action (SEC-5: superuser-only until a
role's ADMIN_ACCESS table names them)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..admin_access import admin_allows
from . import services
from .models import Delivery, EventKind, OutboundEvent, RobotChannel, WebhookSubscription


class TargetForm(forms.ModelForm):
    """Event kinds as check boxes (stored as a JSON list of codes)."""

    event_kinds = forms.MultipleChoiceField(
        label=_("event kinds"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ["name", "url", "kinds", "trusted", "active"]
    list_filter = ["active", "trusted"]
    search_fields = ["name", "url"]

    @admin.display(description=_("event kinds"))
    def kinds(self, obj) -> str:
        return ", ".join(obj.event_kinds)


@admin.register(RobotChannel)
class RobotChannelAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ["name", "kind", "kinds", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]

    @admin.display(description=_("event kinds"))
    def kinds(self, obj) -> str:
        return ", ".join(obj.event_kinds)


@admin.register(OutboundEvent)
class OutboundEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "event_id", "fanned_out_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["=event_id"]
    date_hierarchy = "created_at"


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    """The delivery log: status, attempts, the receiver's last answer; redeliver on demand."""

    list_display = [
        "created_at",
        "event",
        "target",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event__kind", "subscription", "robot"]
    list_select_related = ["event", "subscription", "robot"]
    search_fields = ["=event__event_id"]
    actions = ["redeliver"]

    def has_redeliver_permission(self, request) -> bool:
        return admin_allows(request.user, "staff.delivery", "change")

    @admin.action(description=_("Redeliver the selected deliveries"), permissions=["redeliver"])
    def redeliver(self, request, queryset) -> None:
        count = services.redeliver(deliveries=list(queryset), by=request.user)
        message = ngettext(
            "%(count)d delivery queued again.", "%(count)d deliveries queued again.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
