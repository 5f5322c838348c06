from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, Notification, Staff
from .resources import StaffResource


@admin.register(Staff)
class StaffAdmin(ImportExportModelAdmin, SimpleHistoryAdmin, UserAdmin):
    resource_classes = [StaffResource]
    list_display = [
        "employee_no",
        "name",
        "username",
        "department",
        "designer_tier",
        "supervisor",
        "is_active",
    ]
    list_filter = ["department", "designer_tier", "is_active", "groups"]
    search_fields = ["employee_no", "name", "username", "phone"]
    list_select_related = ["supervisor"]
    autocomplete_fields = ["supervisor"]
    ordering = ["employee_no"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Employee"),
            {
                "fields": (
                    "employee_no",
                    "name",
                    "department",
                    "phone",
                    "email",
                    "supervisor",
                    "base_salary",
                    "designer_tier",
                )
            },
        ),
        (_("Roles and access"), {"fields": ("is_active", "groups", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "employee_no",
                    "name",
                    "department",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["principal", "delegate", "start", "end", "reason"]
    list_filter = ["start"]
    search_fields = ["principal__name", "delegate__name", "reason"]
    autocomplete_fields = ["principal", "delegate"]
    list_select_related = ["principal", "delegate"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "text", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["text", "recipient__name"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
