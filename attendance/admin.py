"""Admin for attendance: history on audited rows (SEC-3), import-export for clock records."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApprovalLevel,
    AttendancePolicy,
    BusinessOuting,
    CalendarDay,
    ClockRecord,
    DailyStatus,
    DisciplineFlag,
    LeaveApproval,
    LeaveRequest,
    OffPostRecord,
    PayLine,
    PayMonth,
    PayPolicy,
    PayStatement,
    ViolationRecord,
    WorkSchedule,
    YearEndBonus,
)
from .resources import ClockRecordResource


@admin.register(AttendancePolicy)
class AttendancePolicyAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "violation_minutes",
        "lates_for_discipline",
        "personal_notice_hours",
        "special_personal_notice_minutes",
        "max_approval_levels",
    ]

    def has_add_permission(self, request) -> bool:
        return not AttendancePolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApprovalLevel)
class ApprovalLevelAdmin(SimpleHistoryAdmin):
    list_display = ["up_to_days", "levels"]


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["day", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    date_hierarchy = "day"
    search_fields = ["name"]


@admin.register(WorkSchedule)
class WorkScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["scope", "department", "staff", "start", "end", "valid_from"]
    list_filter = ["scope", "department"]
    autocomplete_fields = ["staff"]
    list_select_related = ["staff"]


@admin.register(ClockRecord)
class ClockRecordAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ClockRecordResource]
    list_display = ["day", "staff", "clock_in", "clock_out", "source", "entered_by"]
    list_filter = ["source", "staff__department"]
    date_hierarchy = "day"
    search_fields = ["staff__name", "staff__employee_no"]
    autocomplete_fields = ["staff"]
    list_select_related = ["staff", "entered_by"]
    readonly_fields = ["entered_by", "source"]


class LeaveApprovalInline(admin.TabularInline):
    model = LeaveApproval
    extra = 0
    fields = ["level", "approver", "decision", "decided_by", "comment", "decided_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LeaveRequest)
class LeaveRequestAdmin(SimpleHistoryAdmin):
    """Read-mostly: decisions go through the leave pages so the chain rules apply."""

    list_display = ["staff", "leave_type", "start_day", "end_day", "days", "status", "late_notice"]
    list_filter = ["status", "leave_type", "late_notice", "staff__department"]
    date_hierarchy = "start_day"
    search_fields = ["staff__name", "staff__employee_no", "reason"]
    list_select_related = ["staff"]
    inlines = [LeaveApprovalInline]
    readonly_fields = [
        "staff",
        "filed_by",
        "leave_type",
        "start_day",
        "end_day",
        "portion",
        "days",
        "status",
        "late_notice",
        "decided_at",
    ]


@admin.register(OffPostRecord)
class OffPostRecordAdmin(SimpleHistoryAdmin):
    list_display = ["day", "staff", "started_at", "minutes", "recorded_by"]
    date_hierarchy = "day"
    search_fields = ["staff__name", "staff__employee_no"]
    list_select_related = ["staff", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(DailyStatus)
class DailyStatusAdmin(admin.ModelAdmin):
    """Computed rows: corrected by fixing the inputs and recomputing, never by hand."""

    list_display = ["day", "staff", "code", "late_minutes", "early_minutes", "leave_type"]
    list_filter = ["code", "staff__department"]
    date_hierarchy = "day"
    search_fields = ["staff__name", "staff__employee_no"]
    list_select_related = ["staff"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ViolationRecord)
class ViolationRecordAdmin(SimpleHistoryAdmin):
    list_display = ["day", "staff", "kind", "minutes"]
    list_filter = ["kind", "staff__department"]
    date_hierarchy = "day"
    search_fields = ["staff__name", "staff__employee_no"]
    list_select_related = ["staff"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DisciplineFlag)
class DisciplineFlagAdmin(SimpleHistoryAdmin):
    list_display = ["month", "staff", "late_count", "created_at"]
    list_select_related = ["staff"]


@admin.register(BusinessOuting)
class BusinessOutingAdmin(SimpleHistoryAdmin):
    list_display = ["day", "staff", "destination", "status", "out_at", "back_at"]
    list_filter = ["status"]
    date_hierarchy = "day"
    search_fields = ["staff__name", "destination"]
    list_select_related = ["staff"]


# ------------------------------------------------------------------------------------------------
# Pay (COM-5, COM-3): the policy is edited here; statements change only through the pay pages,
# where the month's lock applies, so the admin shows them read-only with their history.
# ------------------------------------------------------------------------------------------------


@admin.register(PayPolicy)
class PayPolicyAdmin(SimpleHistoryAdmin):
    list_display = [
        "valid_from",
        "paid_days_per_month",
        "violation_deduction",
        "bonus_minimum",
        "bonus_maximum",
        "bonus_fault_limit",
        "correction_months",
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PayMonth)
class PayMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "status", "prepared_by", "submitted_by", "approved_by", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["prepared_by", "submitted_by", "approved_by"]


class PayLineInline(admin.TabularInline):
    model = PayLine
    fk_name = "statement"
    extra = 0
    fields = ["kind", "origin", "amount", "quantity", "rate", "reference", "note", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PayStatement)
class PayStatementAdmin(ReadOnlyAdmin):
    list_display = ["pay_month", "staff", "base", "commissions", "bonuses", "adjustments", "total"]
    list_filter = ["pay_month__status", "staff__department"]
    search_fields = ["staff__name", "staff__employee_no"]
    list_select_related = ["pay_month", "staff"]
    inlines = [PayLineInline]


@admin.register(YearEndBonus)
class YearEndBonusAdmin(ReadOnlyAdmin):
    list_display = ["year", "staff", "amount", "pay_month", "set_by", "set_at"]
    list_select_related = ["staff", "set_by"]
