from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CAP_FIELDS,
    Assignment,
    CapacityRule,
    Champion,
    QualityHold,
    QualityPolicy,
    SeasonPeriod,
    Skip,
    TierRule,
)
from .resources import SeasonPeriodResource


@admin.register(CapacityRule)
class CapacityRuleAdmin(SimpleHistoryAdmin):
    list_display = ["effective_from", *CAP_FIELDS, "note"]
    readonly_fields = ["created_by", "created_at"]
    date_hierarchy = "effective_from"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TierRule)
class TierRuleAdmin(SimpleHistoryAdmin):
    list_display = ["size_class", "tier"]
    list_filter = ["size_class", "tier"]


@admin.register(SeasonPeriod)
class SeasonPeriodAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [SeasonPeriodResource]
    list_display = ["name", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "start"


@admin.register(Champion)
class ChampionAdmin(SimpleHistoryAdmin):
    list_display = [
        "kind",
        "period_start",
        "designer",
        "signed_count",
        "status",
        "grants_from",
        "grants_until",
        "decided_by",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["designer", "decided_by"]
    search_fields = ["designer__name", "designer__employee_no"]
    readonly_fields = ["computed_at", "decided_by", "decided_at"]
    autocomplete_fields = ["designer"]


class SkipInline(admin.TabularInline):
    """The designers this dispatch passed over, and why (read-only, written by the service)."""

    model = Skip
    fields = ["designer", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    """Read-only: dispatches are made on the dashboard, through the services."""

    inlines = [SkipInline]

    list_display = ["lead", "designer", "dispatched_at", "method", "dispatched_by", "declined_at"]
    list_filter = ["method", "declined_at"]
    list_select_related = ["lead", "designer", "dispatched_by"]
    search_fields = ["lead__customer_name", "designer__name"]
    date_hierarchy = "dispatched_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QualityPolicy)
class QualityPolicyAdmin(SimpleHistoryAdmin):
    """The quality gate's thresholds (QG-1), effective from a date: the row in force on a day is
    the latest one on or before it. Defaults: a 90-day window; one complaint decided with the
    designer responsible; average follow-up satisfaction below 3.0 of 5 over at least 3 scores;
    measured-to-signed conversion below 50% of the tier's average with at least 5 measured;
    held for 30 days. Facts an earlier hold judged never count again."""

    list_display = [
        "effective_from",
        "window_days",
        "complaints_to_hold",
        "satisfaction_below",
        "min_scores",
        "conversion_ratio_below",
        "min_measured",
        "hold_days",
        "note",
    ]
    date_hierarchy = "effective_from"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "subtitle": self.__doc__.split("\n\n")[0]}
        return super().changelist_view(request, extra_context)


@admin.register(QualityHold)
class QualityHoldAdmin(SimpleHistoryAdmin):
    """Read-only: holds start from the nightly evaluation and are lifted on the holds page
    (QG-2), so every change goes through the services and their history."""

    list_display = ["designer", "reason_code", "starts", "ends", "lifted_at", "lifted_by"]
    list_filter = ["reason_code", "starts"]
    list_select_related = ["designer", "lifted_by"]
    search_fields = ["designer__name", "designer__employee_no"]
    date_hierarchy = "starts"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
