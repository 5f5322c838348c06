"""The Django admin is for administrators (SEC-5, SEC-6).

The superuser (the administrator) has the whole admin. Anyone else needs `is_staff` *and* a role
whose `ADMIN_ACCESS` table (each app's `roles.py`) lists the model and the action — view, add,
change, delete, import, export — *and* the matching model permission. So the admin never opens
more than the app's own pages do, and a new model in the admin is the administrator's until a
role's table names it.

Every admin class is wrapped in `RoleGatedAdmin` when it is registered (staff.admin_site), so a
third-party admin (celery beat, groups) is gated too. Admins with import-export also get
`GuardedExportMixin`: exports of personal data are masked (SEC-1), pay columns go to HR and the GM
only, and each export writes one row to the export log.
"""

from functools import cache

import tablib
from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from import_export.formats.base_formats import XLSX

from core.spreadsheets import content_disposition, dataset_workbook, export_filename, safe_dataset

from .exports import record_export
from .models import Role
from .phones import mask_phone
from .roles import declared_admin_access

ACTIONS = ("view", "add", "change", "delete", "import", "export")
PHONE_PERMISSION = "leads.view_customer_phone"  # the roles that call customers (SEC-1)


@cache
def _table() -> dict[str, dict[str, frozenset[str]]]:
    return declared_admin_access()


def admin_access(user) -> dict[str, frozenset[str]]:
    """Model label ("app.model") -> the admin actions this person's roles open (cached on them)."""
    cached = getattr(user, "_admin_access_cache", None)
    if cached is None:
        cached = {}
        table = _table()
        for role in user.role_codes:
            for label, actions in table.get(role, {}).items():
                cached[label] = cached.get(label, frozenset()) | actions
        user._admin_access_cache = cached
    return cached


def may_enter_admin(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.is_staff and bool(admin_access(user)))


def admin_allows(user, label: str, action: str) -> bool:
    """May this person take `action` on the model `label` in the admin (before model perms)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and action in admin_access(user).get(label, frozenset())


def sees_customer_phones(user) -> bool:
    return user.is_superuser or user.has_perm(PHONE_PERMISSION)


def sees_pay(user) -> bool:
    """Salaries and pay figures: HR and the GM only (SEC-6)."""
    return user.is_superuser or user.has_role(Role.HR, Role.GM)


class RoleGatedAdmin:
    """Each permission of a ModelAdmin also needs the role table's word for it (SEC-5).

    The admin class may set `phone_fields` (customer phone fields, shown masked to people who do
    not call customers) and `pay_fields` (shown only to HR and the GM, on forms and in exports).
    No class defaults here: the gate comes first in the MRO and would hide the admin's values.
    """

    def _phone_fields(self) -> tuple[str, ...]:
        return tuple(getattr(self, "phone_fields", ()))

    def _pay_fields(self) -> tuple[str, ...]:
        return tuple(getattr(self, "pay_fields", ()))

    def _allows(self, request, action: str) -> bool:
        label = f"{self.opts.app_label}.{self.opts.model_name}"
        return admin_allows(request.user, label, action)

    def has_module_permission(self, request) -> bool:
        return any(self._allows(request, a) for a in ACTIONS) and super().has_module_permission(
            request
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allows(request, "view") and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return self._allows(request, "add") and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allows(request, "change") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allows(request, "delete") and super().has_delete_permission(request, obj)

    # --- what a permitted person sees: phones masked (SEC-1), pay for HR and the GM -------------

    def _hidden(self, request) -> set[str]:
        hidden = set() if sees_pay(request.user) else set(self._pay_fields())
        if not sees_customer_phones(request.user):
            hidden |= set(self._phone_fields())
        return hidden

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        hidden = self._hidden(request)
        shown = [f for f in fields if f not in hidden]
        if hidden & set(self._phone_fields()) and len(shown) < len(fields):
            shown.append("masked_phone")
        return shown

    def get_fieldsets(self, request, obj=None):
        hidden = self._hidden(request)
        fieldsets = super().get_fieldsets(request, obj)
        if not hidden:
            return fieldsets
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._phone_fields() and not sees_customer_phones(request.user):
            readonly.append("masked_phone")
        return readonly

    def get_list_display(self, request):
        hidden = self._hidden(request)
        return [f for f in super().get_list_display(request) if f not in hidden]

    def masked_phone(self, obj) -> str:
        fields = self._phone_fields()
        return mask_phone(getattr(obj, fields[0], "")) if fields else ""


class ImportGate:
    """Admin import follows the role table and the model's add and change permissions (SEC-5)
    (or the admin's own `import_permission`, e.g. complaints.import_complaints)."""

    def has_import_permission(self, request) -> bool:
        user, opts = request.user, self.opts
        custom = getattr(self, "import_permission", None)
        if custom:
            allowed = user.has_perm(custom)
        else:
            allowed = user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and user.has_perm(
                f"{opts.app_label}.change_{opts.model_name}"
            )
        gate = self._allows(request, "import") and allowed
        return gate and super().has_import_permission(request)


class ExportGate:
    """Admin export follows the role table and a dedicated export permission (SEC-5); it writes
    what the person may see and is logged, like the app's exports (SEC-6). Formula-like text gets
    a leading quote in every format (SEC-7, core.spreadsheets)."""

    def has_export_permission(self, request) -> bool:
        return self._allows(request, "export") and super().has_export_permission(request)

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        resource = self.choose_export_resource_class(kwargs.get("export_form"), request)
        data = safe_dataset(self._visible_columns(request, data, resource))  # SEC-7
        record_export(
            by=request.user,
            what=f"admin:{self.opts.app_label}.{self.opts.model_name}",
            file_format=self._format_name(kwargs.get("export_form")),
            row_count=len(data),
            filters=request.GET,
        )
        return data

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """xlsx is written like the app's files (issue 19): numbers and Beijing times as typed
        cells with number formats (money, rates), a frozen header, an autofilter and widths."""
        if not isinstance(file_format, XLSX):
            return super().get_export_data(file_format, request, queryset, **kwargs)
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        resource = self.choose_export_resource_class(kwargs.get("export_form"), request)
        kinds = resource.column_kinds() if hasattr(resource, "column_kinds") else {}
        return dataset_workbook(data, capfirst(self.opts.verbose_name_plural), kinds)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """The file is named like the app's files (issue 19): the list's name in the reader's
        language and the date, sent with `filename*` so browsers keep the Chinese name."""
        response = super()._do_file_export(file_format, request, queryset, export_form=export_form)
        name = export_filename(capfirst(self.opts.verbose_name_plural), file_format.get_extension())
        response["Content-Disposition"] = content_disposition(name)
        return response

    def _format_name(self, form) -> str:
        try:
            index = int(form.cleaned_data["format"])
            return self.get_export_formats()[index]().get_extension()
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):
            return ""

    def _visible_columns(self, request, data: tablib.Dataset, resource) -> tablib.Dataset:
        """Mask customer phones and drop pay columns the exporting person may not see."""
        hidden = self._hidden(request)
        if not hidden or not data.headers:
            return data
        attributes = _column_attributes(resource, data.headers)
        drop = {i for i, a in enumerate(attributes) if a in hidden and a in self._pay_fields()}
        mask = {i for i, a in enumerate(attributes) if a in hidden and a in self._phone_fields()}
        return _without_columns(data, drop=drop, mask=mask)


def _column_attributes(resource, headers) -> list[str]:
    """The model attribute behind each header, in order; a header no field names stands for
    itself. Both the plain and the Chinese/English export headers (issue 19) are known."""
    fields = resource.fields.values()
    by_column = {str(field.column_name): field.attribute for field in fields}
    header = getattr(resource, "export_header", None)
    if header is not None:
        by_column.update({str(header(f)): f.attribute for f in fields})
    return [by_column.get(str(h), str(h)) for h in headers]


def _without_columns(data: tablib.Dataset, *, drop: set[int], mask: set[int]) -> tablib.Dataset:
    """A copy of `data` without the columns `drop` and with the phones of `mask` masked."""
    visible = tablib.Dataset(headers=[h for i, h in enumerate(data.headers) if i not in drop])
    for row in data:
        visible.append(
            [
                mask_phone(str(value or "")) if i in mask else value
                for i, value in enumerate(row)
                if i not in drop
            ]
        )
    return visible
