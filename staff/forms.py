from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .imports import check_upload
from .models import ColumnPreset, Department, FaultType, ReportKind, Role, Staff


class UploadForm(forms.Form):
    """An in-app import: a .csv or .xlsx file within the upload limits, and the column preset of
    the device or program that wrote it ("our template" when none). A subclass declares `file`
    (its label says what the file holds) and sets `preset_kind` and `preset_help`."""

    field_order = ("file", "preset")
    preset_kind: str
    preset_help = ""
    preset = forms.ModelChoiceField(
        label=_("File from"),
        queryset=ColumnPreset.objects.none(),
        required=False,
        empty_label=_("Our template"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        preset = self.fields["preset"]
        preset.queryset = ColumnPreset.objects.filter(kind=self.preset_kind, active=True)
        preset.help_text = self.preset_help

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        check_upload(upload)  # byte and row limits, before the file is parsed
        return upload


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    department = forms.ChoiceField(
        label=_("Department"), required=False, choices=[("", _("All"))] + Department.choices
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All"))] + Role.choices
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            Field("q", placeholder=_("Name or employee number")),
            "department",
            "role",
            Submit("", _("Filter"), css_class="btn-secondary"),
        )


# ISO format: what <input type="date"> expects whatever the language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DelegationForm(forms.Form):
    """工作联络单: who signs for the manager, and for which days (SLIP-4)."""

    principal = forms.ModelChoiceField(label=_("Manager away"), queryset=Staff.objects.none())
    delegate = forms.ModelChoiceField(label=_("Delegate"), queryset=Staff.objects.none())
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To (inclusive)"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, principals=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = Staff.objects.filter(is_active=True).order_by("name")
        self.fields["delegate"].queryset = active
        if principals is None:
            del self.fields["principal"]
        else:
            self.fields["principal"].queryset = principals
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Name the delegate"), data_testid="delegation-save"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The delegation period ends before it starts."))
        return data


# --- faults (过失单, FD-5) -----------------------------------------------------------------------

MONTH_INPUT = forms.TextInput(attrs={"type": "month"})


def parse_month(value: str) -> date | None:
    """'2026-03' -> date(2026, 3, 1); blank -> None."""
    if not value:
        return None
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise forms.ValidationError(_("Pick a month.")) from exc


class FaultForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Employee"), queryset=Staff.objects.none())
    fault_type = forms.ModelChoiceField(label=_("Fault"), queryset=FaultType.objects.none())
    occurred_on = forms.DateField(label=_("Date of the fault"), widget=DATE_INPUT)
    deduction = forms.DecimalField(
        label=_("Deduction (CNY)"),
        min_value=0,
        max_digits=7,
        decimal_places=0,
        required=False,
        help_text=_("Leave empty for the fault type's usual deduction."),
    )
    note = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(is_active=True).order_by("name")
        types = FaultType.objects.filter(is_active=True)
        self.fields["fault_type"].queryset = types
        self.fields["fault_type"].label_from_instance = lambda t: (
            _("%(name)s (usually %(amount)s yuan)")
            % {"name": t.name, "amount": t.default_deduction}
        )
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "fault-form"}
        self.helper.add_input(Submit("save", _("Record the fault"), data_testid="fault-save"))


class FaultFilterForm(forms.Form):
    month = forms.CharField(label=_("Month"), required=False, widget=MONTH_INPUT)
    staff = forms.ModelChoiceField(
        label=_("Employee"), queryset=Staff.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, show_staff: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if show_staff:
            self.fields["staff"].queryset = Staff.objects.filter(faults__isnull=False).distinct()
        else:
            del self.fields["staff"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.add_input(Submit("", _("Filter"), css_class="btn-secondary"))

    def clean_month(self) -> date | None:
        return parse_month(self.cleaned_data.get("month", ""))


class WithdrawFaultForm(forms.Form):
    reason = forms.CharField(label=_("Why is it withdrawn?"), max_length=300)


# --- requests for instructions (请示报告, REP-1) --------------------------------------------------


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    details = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    proposal = forms.CharField(
        label=_("Proposed handling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text=_("Say how you think it should be handled."),
    )
    urgent = forms.BooleanField(
        label=_("Urgent: send it straight to a higher level"), required=False
    )
    target = forms.ModelChoiceField(
        label=_("Send to"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_(
            "Your direct supervisor unless urgent. Every supervisor skipped is told at once."
        ),
    )

    def __init__(self, *args, chain=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Staff.objects.filter(pk__in=[p.pk for p in chain])
        self.fields["target"].empty_label = _("My direct supervisor")
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "report-form"}
        self.helper.add_input(Submit("save", _("File the report"), data_testid="report-save"))


class ForwardReportForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the next level"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target = forms.ModelChoiceField(
        label=_("Send to"), queryset=Staff.objects.none(), required=False
    )

    def __init__(self, *args, chain=(), urgent: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if urgent:
            self.fields["target"].queryset = Staff.objects.filter(pk__in=[p.pk for p in chain])
            self.fields["target"].empty_label = _("My direct supervisor")
        else:
            del self.fields["target"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class InstructionForm(forms.Form):
    instruction = forms.CharField(
        label=_("Instruction (recorded in full)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ExecutionForm(forms.Form):
    execution = forms.CharField(
        label=_("How it was carried out"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
