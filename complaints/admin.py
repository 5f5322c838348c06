"""Admin: the register (read-only, with export for the GM and import of historical complaints),
categories and step deadlines that managers edit, and the escalation log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Complaint, ComplaintCategory, Escalation, StepDeadline
from .resources import ComplaintResource


@admin.register(Complaint)
class ComplaintAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Complaints change only through the app's steps (numbering, rules, history), so the admin
    shows them read-only; it imports history and exports the register (masked and logged by the
    admin site's gates, SEC-6)."""

    resource_classes = [ComplaintResource]
    import_permission = "complaints.import_complaints"
    phone_fields = ("phone",)
    list_display = [
        "number",
        "received_at",
        "channel",
        "customer_name",
        "category",
        "severity",
        "status",
        "responsible_department",
    ]
    list_filter = ["status", "category", "severity", "channel", "responsible_department"]
    search_fields = ["number", "customer_name", "phone", "summary", "document_ref"]
    list_select_related = ["category"]
    date_hierarchy = "received_at"
    ordering = ["-year", "-seq"]

    def has_add_permission(self, request) -> bool:
        return False  # registered in the app, which gives the gapless number

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a deleted complaint would leave a gap in the register

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("complaints.export_complaints")


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(StepDeadline)
class StepDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["status", "hours"]
    list_editable = ["hours"]
    fieldsets = [
        (
            None,
            {
                "fields": ["status", "hours"],
                "description": _(
                    "While a complaint is in this status, the next step is due within these "
                    "hours; later it is escalated to the customer manager. The investigation "
                    "itself is due the same working day (holiday calendar)."
                ),
            },
        )
    ]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["complaint", "status", "due_at", "escalated_at"]
    list_filter = ["status"]
    search_fields = ["complaint__number", "complaint__customer_name"]
    list_select_related = ["complaint"]
    date_hierarchy = "escalated_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
