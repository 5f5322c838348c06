"""Import and export of the staff roster (CSV/XLSX) in the admin.

A file is all-or-nothing: any bad row (unknown supervisor, duplicate employee number, bad phone,
unknown role) is reported with its row number and reason, and nothing is imported. Supervisors
must exist already or appear on an earlier row of the same file.
"""

from collections import Counter

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Role, Staff
from .phones import normalize_phone


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return normalize_phone(value) if value else ""


class SupervisorWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Staff, field="employee_no")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        number = str(value).strip()
        supervisor = Staff.objects.filter(employee_no=number).first()
        if supervisor is None:
            raise ValueError(_("Unknown supervisor employee number: %(no)s") % {"no": number})
        return supervisor


class RolesWidget(widgets.ManyToManyWidget):
    """Roles as role codes separated by commas, e.g. "CUSTOMER_MANAGER,DESIGN_MANAGER"."""

    def __init__(self) -> None:
        super().__init__(Group, separator=",", field="name")

    @staticmethod
    def codes(value) -> list[str]:
        return [code.strip() for code in str(value or "").split(",") if code.strip()]

    @classmethod
    def unknown_codes(cls, value) -> list[str]:
        return [code for code in cls.codes(value) if code not in Role.values]

    def clean(self, value, row=None, **kwargs):
        return Group.objects.filter(name__in=self.codes(value))


class SuperuserOnlyColumns:
    """SEC-5: some columns only the administrator (superuser) may import — roles, staff flags,
    salaries, a lead's state, owner or designer. A file with any of them, from anyone else, is
    refused as a whole before a row is read, with a message that names the columns. Code that
    imports without a user (a management command run on the server) is the administrator's."""

    superuser_only_columns: tuple[str, ...] = ()

    def before_import(self, dataset, **kwargs) -> None:
        user = kwargs.get("user")
        if user is not None and not user.is_superuser:
            headers = {str(h).strip() for h in (dataset.headers or [])}
            refused = [c for c in self.superuser_only_columns if c in headers]
            if refused:
                raise ValidationError(
                    _(
                        "Only the system administrator may import these columns: %(columns)s. "
                        "Remove them from the file and import again."
                    )
                    % {"columns": ", ".join(refused)}
                )
        super().before_import(dataset, **kwargs)


class StaffResource(SuperuserOnlyColumns, resources.ModelResource):
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    supervisor = fields.Field(
        attribute="supervisor", column_name="supervisor", widget=SupervisorWidget()
    )
    roles = fields.Field(
        attribute="groups", column_name="roles", widget=RolesWidget(), m2m_add=False
    )

    class Meta:
        model = Staff
        import_id_fields = ["employee_no"]
        fields = [
            "employee_no",
            "username",
            "name",
            "department",
            "phone",
            "email",
            "supervisor",
            "roles",
            "base_salary",
            "designer_tier",
            "is_active",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    superuser_only_columns = ("roles", "base_salary", "is_staff", "is_superuser", "groups")

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        numbers = [str(n).strip() for n in dataset["employee_no"]] if dataset.headers else []
        self._duplicate_numbers = {n for n, count in Counter(numbers).items() if count > 1}

    def before_import_row(self, row, **kwargs) -> None:
        # Checked here, before the row is saved, so they are reported like field errors.
        errors = {}
        number = str(row.get("employee_no") or "").strip()
        if number in getattr(self, "_duplicate_numbers", set()):
            errors["employee_no"] = _("Employee number %(no)s appears more than once") % {
                "no": number
            }
        unknown = RolesWidget.unknown_codes(row.get("roles"))
        if unknown:
            errors["roles"] = _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs) -> None:
        if new:
            instance.set_unusable_password()  # HR sets passwords in the admin
