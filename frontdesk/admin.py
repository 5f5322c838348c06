from django.contrib import admin
from import_export.admin import ExportMixin, ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgentDailyMetric,
    Appointment,
    CallRecord,
    Document,
    DocumentCounter,
    GoodCase,
    HandoverNote,
    MoodCheckIn,
    PhoneConsultation,
    QualityAlert,
    QualityPolicy,
    ReceptionEntry,
    SampleHouse,
)
from .resources import CallRecordResource


@admin.register(SampleHouse)
class SampleHouseAdmin(admin.ModelAdmin):
    """Sample houses customers can visit (FD-3): data the customer manager keeps."""

    list_display = ["name", "community", "style", "area_m2", "is_active", "order"]
    list_editable = ["is_active", "order"]
    search_fields = ["name", "community", "style"]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["starts_at", "customer_name", "sample_house", "status", "invited_by"]
    list_filter = ["status", "sample_house"]
    search_fields = ["customer_name", "phone"]
    date_hierarchy = "starts_at"
    list_select_related = ["sample_house", "invited_by"]
    raw_id_fields = ["lead", "invited_by", "booked_by", "outcome_by"]


@admin.register(ReceptionEntry)
class ReceptionEntryAdmin(admin.ModelAdmin):
    list_display = ["arrived_at", "visitor_name", "purpose", "lead", "lead_link", "recorded_by"]
    list_filter = ["purpose", "lead_link"]
    search_fields = ["visitor_name", "phone", "notes"]
    date_hierarchy = "arrived_at"
    list_select_related = ["lead", "recorded_by"]
    raw_id_fields = ["lead", "receiver", "recorded_by"]


@admin.register(PhoneConsultation)
class PhoneConsultationAdmin(admin.ModelAdmin):
    list_display = ["called_at", "caller_name", "topic", "lead", "lead_link", "answered_by"]
    list_filter = ["topic", "lead_link"]
    search_fields = ["caller_name", "phone", "summary"]
    date_hierarchy = "called_at"
    list_select_related = ["lead", "answered_by"]
    raw_id_fields = ["lead", "message_for", "answered_by"]


@admin.register(HandoverNote)
class HandoverNoteAdmin(admin.ModelAdmin):
    list_display = ["shift_date", "shift", "written_by", "acknowledged_by"]
    list_filter = ["shift"]
    date_hierarchy = "shift_date"
    list_select_related = ["written_by", "acknowledged_by"]


@admin.register(CallRecord)
class CallRecordAdmin(ImportExportModelAdmin):
    """Import the phone system's export: all rows checked, duplicates skipped (FD-7)."""

    resource_classes = [CallRecordResource]
    list_display = [
        "agent",
        "started_at",
        "ring_seconds",
        "talk_seconds",
        "satisfaction",
        "resolved_first_contact",
        "complaint",
    ]
    list_filter = ["complaint", "resolved_first_contact", "satisfaction"]
    search_fields = ["agent__name", "agent__employee_no"]
    date_hierarchy = "started_at"
    list_select_related = ["agent"]
    raw_id_fields = ["agent", "imported_by"]


@admin.register(QualityPolicy)
class QualityPolicyAdmin(SimpleHistoryAdmin):
    """The thresholds of hotline quality, effective from a date (FD-7, FD-9)."""

    list_display = [
        "valid_from",
        "ring_seconds_limit",
        "recent_days",
        "baseline_days",
        "satisfaction_drop_pct",
        "ring_share_drop_points",
        "complaint_min_count",
        "mood_low",
    ]


@admin.register(AgentDailyMetric)
class AgentDailyMetricAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ["day", "agent", "calls", "answered_in_time", "rated_calls", "complaints"]
    list_filter = ["day"]
    date_hierarchy = "day"
    list_select_related = ["agent"]

    def has_add_permission(self, request) -> bool:
        return False  # computed by the nightly job

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QualityAlert)
class QualityAlertAdmin(admin.ModelAdmin):
    list_display = ["detected_on", "agent", "kind", "recent_value", "baseline_value", "cleared_on"]
    list_filter = ["kind", "cleared_on"]
    list_select_related = ["agent"]
    readonly_fields = ["agent", "kind", "detected_on", "recent_value", "baseline_value"]


@admin.register(MoodCheckIn)
class MoodCheckInAdmin(admin.ModelAdmin):
    list_display = ["day", "agent", "mood", "note"]
    list_filter = ["day", "mood"]
    list_select_related = ["agent"]


@admin.register(GoodCase)
class GoodCaseAdmin(admin.ModelAdmin):
    list_display = ["marked_at", "staff", "marked_by", "call_record", "complaint", "callback"]
    list_select_related = ["staff", "marked_by"]
    raw_id_fields = ["staff", "call_record", "complaint", "callback", "marked_by"]


@admin.register(Document)
class DocumentAdmin(ExportMixin, SimpleHistoryAdmin):
    list_display = ["number", "document_date", "direction", "title", "handler", "filing_location"]
    list_filter = ["category", "direction", "year"]
    search_fields = ["number", "title", "sender", "recipient", "summary"]
    list_select_related = ["handler"]
    readonly_fields = ["number", "year", "category", "seq", "registered_by"]

    def has_add_permission(self, request) -> bool:
        return False  # registered on the register page, which gives the gapless number

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a gap in the register would hide a document


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "category", "last_seq"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
