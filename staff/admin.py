from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ColumnPreset,
    Delegation,
    ExportRecord,
    Fault,
    FaultType,
    InstructionRequest,
    InstructionStep,
    Notification,
    Role,
    Staff,
)
from .resources import StaffResource


def role_label(code: str) -> str:
    """A role group's name is its code (CS_AGENT); people read the role's label (客服人员)."""
    return str(Role(code).label) if code in Role.values else code


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        return queryset.filter(groups__name=self.value()) if self.value() else queryset


@admin.register(Staff)
class StaffAdmin(ImportExportModelAdmin, SimpleHistoryAdmin, UserAdmin):
    """HR keeps the roster here. Roles, the staff flag and superuser status are the
    administrator's alone (SEC-5); the base salary shows to HR and the GM only (SEC-6)."""

    resource_classes = [StaffResource]
    pay_fields = ("base_salary",)
    administrator_fields = ("groups", "user_permissions", "is_staff", "is_superuser")
    list_display = [
        "employee_no",
        "name",
        "username",
        "department",
        "roles",
        "designer_tier",
        "supervisor",
        "is_active",
    ]
    list_filter = ["department", "designer_tier", "is_active", RoleFilter]
    search_fields = ["employee_no", "name", "username", "phone"]
    list_select_related = ["supervisor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj: Staff) -> str:
        return "、".join(role_label(group.name) for group in obj.groups.all())

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None:
            field.label_from_instance = lambda group: role_label(group.name)
        return field

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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += [f for f in self.administrator_fields if f not in readonly]
        return readonly


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


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """The export log (SEC-2, SEC-6): every export of personal data, from a page or the admin."""

    list_display = ["at", "by", "what", "file_format", "row_count", "filters"]
    list_filter = ["what", "at"]
    search_fields = ["by__name", "filters"]
    list_select_related = ["by"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FaultType)
class FaultTypeAdmin(SimpleHistoryAdmin):
    """The fault list and its default deductions: data the customer manager edits (FD-5)."""

    list_display = ["name", "default_deduction", "is_active", "order"]
    list_editable = ["default_deduction", "is_active", "order"]
    search_fields = ["name", "code"]


@admin.register(Fault)
class FaultAdmin(SimpleHistoryAdmin):
    list_display = [
        "staff",
        "fault_type",
        "occurred_on",
        "deduction",
        "recorded_by",
        "withdrawn_at",
    ]
    list_filter = ["fault_type", "occurred_on"]
    search_fields = ["staff__name", "staff__employee_no", "note"]
    list_select_related = ["staff", "fault_type", "recorded_by"]
    autocomplete_fields = ["staff"]
    readonly_fields = ["recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by"]
    date_hierarchy = "occurred_on"

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # withdrawn, never deleted: the pay statement may have read it


class InstructionStepInline(admin.TabularInline):
    model = InstructionStep
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "actor", "recipient", "note", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InstructionRequest)
class InstructionRequestAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "reporter", "kind", "urgent", "status", "recipient", "created_at"]
    list_filter = ["status", "kind", "urgent"]
    search_fields = ["subject", "details", "reporter__name"]
    list_select_related = ["reporter", "recipient"]
    readonly_fields = [
        "reporter",
        "recipient",
        "level",
        "status",
        "instructed_by",
        "instructed_at",
        "executed_at",
    ]
    inlines = [InstructionStepInline]


@admin.register(ColumnPreset)
class ColumnPresetAdmin(admin.ModelAdmin):
    """A device's file format is a row here (issue 19): the mapping is JSON, file column -> ours."""

    list_display = ["name", "kind", "one_punch_per_row", "active"]
    list_filter = ["kind", "active"]


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The role groups, listed by the role's name as well as its code."""

    list_display = ["name", "role"]

    @admin.display(description=_("role"))
    def role(self, obj: Group) -> str:
        return role_label(obj.name)


from .outbound import admin as outbound_admin  # noqa: E402, F401 - registers the outbound admin
