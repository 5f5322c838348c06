from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, CapacityRule, Champion, SeasonPeriod, Skip, TierRule
from .resources import SeasonPeriodResource


@admin.register(CapacityRule)
class CapacityRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "day_cap",
        "week_cap",
        "season_cap_off",
        "season_cap_peak",
        "champion_day_bonus",
        "champion_week_bonus",
        "champion_season_bonus",
        "note",
    ]
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
