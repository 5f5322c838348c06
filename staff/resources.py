"""Import and export of the staff roster (CSV/XLSX) in the admin.

A file is all-or-nothing: any bad row (unknown supervisor, duplicate employee number, bad phone,
unknown role) is reported with its row number and reason, and nothing is imported. Supervisors
must exist already or appear on an earlier row of the same file.
"""

import re
from collections import Counter

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from core.spreadsheets import DATE, DATETIME, INTEGER, MONEY, NUMBER, RATE, TemplateColumn
from core.spreadsheets import template_workbook as _template_workbook

from .models import Role, Staff
from .phones import normalize_phone


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return normalize_phone(value) if value else ""


# ------------------------------------------------------------------------------------------------
# The Office way (issue 19): admin exports with the pages' Chinese (or English) headers, labels
# instead of codes and people by name; admin imports still take the files they took (English
# field names, codes, employee numbers) and also what an export wrote.
# ------------------------------------------------------------------------------------------------

_TRAILING_NUMBER = re.compile(r"[(（]\s*([^()（）]+?)\s*[)）]\s*$")


def person_label(person) -> str:
    """A person as exports show them: the name, and the employee number that tells two apart."""
    if person is None:
        return ""
    name = person.get_full_name() or person.username
    return f"{name} ({person.employee_no})" if person.employee_no else name


def employee_number(value) -> str:
    """The employee number in a cell: "T0001", or an export's "王小明 (T0001)"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip()
    found = _TRAILING_NUMBER.search(text)
    return found.group(1) if found else text


def _key(header) -> str:
    return " ".join(str(header or "").split()).lower()


def _spellings(label) -> set[str]:
    found = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.add(str(label))
    return found


class PersonWidget(widgets.ForeignKeyWidget):
    """Staff by employee number on import (or an export's "name (number)"), by name on export."""

    def __init__(self) -> None:
        super().__init__(Staff, field="employee_no")

    def clean(self, value, row=None, **kwargs):
        return super().clean(employee_number(value) or None, row, **kwargs)

    def render(self, value, obj=None, **kwargs) -> str:
        return person_label(value)


class OfficeColumns:
    """Export headers are the fields' verbose names in the reader's language, choices their
    labels, people their names; import renames any known header (the field name, its column
    name, the Chinese or English label) to the column name and turns choice labels back into
    codes before anything else looks at the file (SEC-5's column check included).

    Column names stay the English field names, so the row hooks and the files people already
    have keep working; `header_labels` overrides a label ({column name: lazy text})."""

    header_labels: dict = {}
    # The admin's xlsx (issue 19): money and rate columns by column name (the other kinds come
    # from the model field); a money field is also known by its name (salary, budget, amount …).
    money_columns: tuple[str, ...] = ()
    rate_columns: tuple[str, ...] = ()
    # The import template (issue 19): {column name: example value} and {column name: lazy note};
    # a column without either gets one from its model field.
    template_examples: dict = {}
    template_notes: dict = {}

    @classmethod
    def _model_field(cls, field):
        attribute = field.attribute or ""
        if "__" in attribute or not attribute:
            return None
        try:
            return cls._meta.model._meta.get_field(attribute)
        except FieldDoesNotExist:
            return None

    @classmethod
    def export_header(cls, field):
        """The header an export writes for `field` (lazy: str() it in the reader's language)."""
        name = str(field.column_name)
        if name in cls.header_labels:
            return capfirst(cls.header_labels[name])
        model_field = cls._model_field(field)
        return capfirst(getattr(model_field, "verbose_name", None) or field.column_name)

    @classmethod
    def column_kinds(cls) -> dict[str, str]:
        """{export header in the active language: kind} for the typed cells of the admin xlsx."""
        kinds = {}
        for field in cls.fields.values():
            kind = cls._column_kind(field)
            if kind:
                kinds[str(cls.export_header(field))] = kind
        return kinds

    @classmethod
    def _column_kind(cls, field) -> str:
        column = str(field.column_name)
        model_field = cls._model_field(field)
        if column in cls.rate_columns:
            return RATE
        if column in cls.money_columns or is_money_field(model_field):
            return MONEY
        if model_field is None or model_field.choices:
            return ""
        return FIELD_KINDS.get(model_field.get_internal_type(), "")

    def get_export_headers(self, selected_fields=None):
        return [str(self.export_header(f)) for f in self.get_export_fields(selected_fields) if f]

    def export_field(self, field, instance, **kwargs):
        model_field = self._model_field(field)
        has_dehydrate = getattr(self, f"dehydrate_{self.get_field_name(field)}", None)
        if model_field is not None and model_field.choices and not has_dehydrate:
            if getattr(instance, model_field.attname, None) in (None, ""):
                return ""
            return getattr(instance, f"get_{model_field.name}_display")()
        return super().export_field(field, instance, **kwargs)

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """{header as compared: column name} for every spelling a file may use."""
        aliases = {}
        for field in cls.fields.values():
            column = str(field.column_name)
            spellings = {column, field.attribute or column}
            spellings |= _spellings(cls.export_header(field))
            aliases.update({_key(s): column for s in spellings})
        return aliases

    def rename_headers(self, dataset) -> None:
        if not dataset.headers:
            return
        aliases = self.header_aliases()
        dataset.headers = [aliases.get(_key(h), str(h).strip()) for h in dataset.headers]
        self._codes_for_labels(dataset)
        self._blank_text(dataset)

    def _blank_text(self, dataset) -> None:
        """An empty xlsx cell reads as None; a text column that cannot be NULL takes it as ""."""
        text = set()
        for field in self.fields.values():
            model_field = self._model_field(field)
            column = str(field.column_name)
            is_text = isinstance(model_field, models.CharField | models.TextField)
            if is_text and not model_field.null and column in dataset.headers:
                text.add(dataset.headers.index(column))
        if not text or not any(r[i] is None for r in dataset for i in text):
            return
        rows = [["" if i in text and v is None else v for i, v in enumerate(r)] for r in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)

    def _codes_for_labels(self, dataset) -> None:
        """A choice column written as labels (an export, filled in) back to its codes."""
        columns = {}
        for field in self.fields.values():
            model_field = self._model_field(field)
            column = str(field.column_name)
            if model_field is not None and model_field.choices and column in dataset.headers:
                codes = {}
                for code, label in model_field.flatchoices:
                    codes.update({s: code for s in _spellings(label)})
                columns[dataset.headers.index(column)] = codes
        if not columns:
            return
        rows = [
            [
                columns[i].get(str(v).strip(), v) if i in columns and v else v
                for i, v in enumerate(r)
            ]
            for r in dataset
        ]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)

    def before_import(self, dataset, **kwargs) -> None:
        self.rename_headers(dataset)
        super().before_import(dataset, **kwargs)


MONEY_NAMES = re.compile(r"salary|budget|amount|price|fee|penalty|deduction|bonus|commission")
FIELD_KINDS = {
    "DateTimeField": DATETIME,
    "DateField": DATE,
    "DecimalField": NUMBER,
    "FloatField": NUMBER,
    "IntegerField": INTEGER,
    "PositiveIntegerField": INTEGER,
    "PositiveSmallIntegerField": INTEGER,
    "SmallIntegerField": INTEGER,
    "BigIntegerField": INTEGER,
}


def is_money_field(model_field) -> bool:
    """A decimal field of an amount of yuan (its name says so: base_salary, budget, amount …)."""
    return isinstance(model_field, models.DecimalField) and bool(
        MONEY_NAMES.search(model_field.name)
    )


# ------------------------------------------------------------------------------------------------
# Import templates (issue 19): the headers an admin import takes, an example row, a note on each
# ------------------------------------------------------------------------------------------------

EXAMPLES_BY_TYPE = {
    "DateTimeField": "2026-03-02 09:30",
    "DateField": "2026-03-02",
    "DecimalField": 100,
    "BooleanField": 1,
}


def _default_example(field, model_field):
    if isinstance(field.widget, PersonWidget):
        return "T0001"
    if model_field is None:
        return ""
    if model_field.choices:
        return str(model_field.flatchoices[0][1])
    if model_field.primary_key:
        return ""
    return EXAMPLES_BY_TYPE.get(model_field.get_internal_type(), "")


def _default_note(field, model_field) -> str:
    note = _column_note(field, model_field)
    required = model_field is not None and not (model_field.blank or model_field.primary_key)
    if required and not model_field.has_default():
        note = f"{_('Required.')} {note}".strip()
    return str(note)


# The notes of date and yes/no columns; the first match wins (a DateTimeField is a DateField).
NOTES_BY_CLASS = (
    (models.DateTimeField, gettext_lazy("Beijing time, YYYY-MM-DD HH:MM.")),
    (models.DateField, gettext_lazy("A date, YYYY-MM-DD.")),
    (models.BooleanField, gettext_lazy("1 for yes, 0 for no.")),
)


def _column_note(field, model_field) -> str:
    if isinstance(field.widget, PersonWidget):
        return _("The person's employee number (T0001), or name and number as an export writes.")
    if model_field is None:
        return ""
    if model_field.primary_key:
        return _("Empty for a new row; the number of an existing row to change it.")
    if model_field.choices:
        labels = " / ".join(str(label) for code, label in model_field.flatchoices if code)
        return _("One of: %(labels)s.") % {"labels": labels}
    for field_class, note in NOTES_BY_CLASS:
        if isinstance(model_field, field_class):
            return str(note)
    if is_money_field(model_field):
        return _("An amount in yuan, a plain number.")
    if isinstance(model_field, models.DecimalField | models.IntegerField | models.FloatField):
        return _("A plain number.")
    if isinstance(model_field, models.ForeignKey):
        model = model_field.related_model._meta.verbose_name
        return _("The number (ID) of the %(model)s.") % {"model": model}
    return str(model_field.help_text or _("Text, as it should read."))


def template_columns(resource, user=None) -> list[TemplateColumn]:
    """The columns of a resource's import template, headers in the reader's language. Columns
    only the administrator may import (SEC-5) are left out for anyone else, so the template is
    a file this person's import takes."""
    refused = getattr(resource, "superuser_only_columns", ())
    if user is None or user.is_superuser:
        refused = ()
    examples = getattr(resource, "template_examples", {})
    notes = getattr(resource, "template_notes", {})
    office = isinstance(resource, OfficeColumns)
    columns = []
    for field in resource.get_import_fields():
        column = str(field.column_name)
        model_field = resource._model_field(field) if office else None
        if not field.attribute or column in refused:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue  # set by the database on save, whatever the file says
        example = examples.get(column, _default_example(field, model_field))
        note = notes.get(column) or _default_note(field, model_field)
        header = resource.export_header(field) if office else field.column_name
        columns.append(TemplateColumn(header, example, note))
    return columns


def import_template(resource, user=None) -> bytes:
    """The resource's import template (xlsx): headers, the example row, a note on each column."""
    title = capfirst(resource._meta.model._meta.verbose_name_plural)
    return _template_workbook(title, template_columns(resource, user))


class SupervisorWidget(PersonWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        number = employee_number(value)
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
        if hasattr(self, "rename_headers"):  # Chinese or English labels count too (issue 19)
            self.rename_headers(dataset)
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


class StaffResource(OfficeColumns, SuperuserOnlyColumns, resources.ModelResource):
    header_labels = {"roles": gettext_lazy("Roles")}
    template_examples = {
        "employee_no": "S0001",
        "username": "zhangsan",
        "name": "张三",
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "supervisor": "",
        "roles": "FRONT_DESK",
        "base_salary": 5000,
        "designer_tier": "",
        "is_active": 1,
    }
    template_notes = {
        "employee_no": gettext_lazy(
            "Required. Identifies the person: a file with a number "
            "already on the staff list changes that person."
        ),
        "supervisor": gettext_lazy(
            "The supervisor's employee number; the supervisor must exist already or be on an "
            "earlier row. Empty for none."
        ),
        "roles": gettext_lazy(
            "Role codes separated by commas: FRONT_DESK, CS_AGENT, CUSTOMER_MANAGER, "
            "DESIGNER, DESIGN_MANAGER, STORE_MANAGER, MARKETING_SALES, MARKETING_MANAGER, "
            "ENGINEERING, HR, GM."
        ),
    }
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
