"""Attendance forms: input shape only; the services decide (crispy layouts inside each form)."""

from __future__ import annotations

from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.params import to_month
from staff.forms import UploadForm
from staff.models import Department, ImportKind, Staff

from ..models import (
    LEAVE_TYPE_CHOICES,
    CalendarDayKind,
    DailyStatus,
    DayPortion,
    ScheduleScope,
)
from ..services.common import local_today

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _helper(submit_label, *, method: str = "post", inline: bool = False) -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    if inline:
        helper.form_class = "row row-cols-md-auto g-2 align-items-end"
    if submit_label:
        extra = {"css_class": "btn-secondary"} if method == "get" else {}
        helper.add_input(Submit("submit", submit_label, **extra))
    return helper


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Staff) -> str:
        return f"{obj.get_full_name()} ({obj.employee_no})"


def _active_staff():
    return Staff.objects.filter(is_active=True).order_by("employee_no")


# ------------------------------------------------------------------------------------------------
# Leave and outings
# ------------------------------------------------------------------------------------------------


class LeaveForm(forms.Form):
    staff = StaffChoiceField(
        label=_("For"),
        queryset=_active_staff(),
        help_text=_("Sick leave may be filed for a colleague; personal leave only for yourself."),
    )
    leave_type = forms.ChoiceField(label=_("Leave type"), choices=LEAVE_TYPE_CHOICES)
    start_day = forms.DateField(label=_("First day"), widget=DATE)
    end_day = forms.DateField(
        label=_("Last day"), widget=DATE, required=False, help_text=_("Empty: a single day.")
    )
    portion = forms.ChoiceField(
        label=_("Part of the day"), choices=DayPortion.choices, initial=DayPortion.FULL
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _active_staff()
        self.helper = _helper(_("Submit request"))
        self.helper.attrs = {"data-testid": "leave-form"}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start_day") and not data.get("end_day"):
            data["end_day"] = data["start_day"]
        return data


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class OutingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    planned_out = forms.TimeField(label=_("Planned departure"), widget=TIME)
    planned_back = forms.TimeField(label=_("Planned return"), widget=TIME)
    destination = forms.CharField(label=_("Destination"), max_length=120)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Request outing"))


# ------------------------------------------------------------------------------------------------
# Records
# ------------------------------------------------------------------------------------------------


class ClockForm(forms.Form):
    staff = StaffChoiceField(label=_("Employee"), queryset=_active_staff())
    day = forms.DateField(label=_("Date"), widget=DATE)
    clock_in = forms.TimeField(label=_("Clock-in"), widget=TIME, required=False)
    clock_out = forms.TimeField(label=_("Clock-out"), widget=TIME, required=False)
    out_next_day = forms.BooleanField(
        label=_("Clock-out was after midnight (next day)"), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _active_staff()
        self.helper = _helper(_("Save"))


class ClockImportForm(UploadForm):
    file = forms.FileField(
        label=_("Time clock file (CSV or Excel)"),
        help_text=_(
            "Columns: employee number, date, clock-in, clock-out (Chinese or English headers)."
        ),
    )
    preset_kind = ImportKind.CLOCK
    preset_help = _("Choose the device whose export this is; presets are edited in the admin.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Preview"))


class OffPostForm(forms.Form):
    staff = StaffChoiceField(label=_("Employee"), queryset=Staff.objects.none())
    day = forms.DateField(label=_("Date"), widget=DATE)
    started_at = forms.TimeField(label=_("Left the post at"), widget=TIME)
    minutes = forms.IntegerField(label=_("Minutes away"), min_value=1, max_value=24 * 60)
    note = forms.CharField(label=_("What happened"), max_length=300)

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["staff"].queryset = people
        self.helper = _helper(_("Record"))


# ------------------------------------------------------------------------------------------------
# HR set-up
# ------------------------------------------------------------------------------------------------


class CalendarDayForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=60, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save day"), inline=True)


class ScheduleForm(forms.Form):
    scope = forms.ChoiceField(label=_("Applies to"), choices=ScheduleScope.choices)
    department = forms.ChoiceField(
        label=_("Department"), choices=[("", "—")] + Department.choices, required=False
    )
    staff = StaffChoiceField(label=_("Person"), queryset=_active_staff(), required=False)
    start = forms.TimeField(label=_("Start"), widget=TIME)
    end = forms.TimeField(label=_("End"), widget=TIME)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _active_staff()
        self.helper = _helper(_("Save"))


# ------------------------------------------------------------------------------------------------
# Filters (GET)
# ------------------------------------------------------------------------------------------------


def _department_filter() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Department"), required=False, choices=[("", _("All"))] + Department.choices
    )


class ClockFilterForm(forms.Form):
    day = forms.DateField(label=_("Date"), required=False, widget=DATE)
    department = _department_filter()
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Filter"), method="get", inline=True)
        self.helper.layout = Layout(
            "day", "department", Field("q", placeholder=_("Name or employee number"))
        )


class DailyFilterForm(forms.Form):
    day = forms.DateField(label=_("Date"), required=False, widget=DATE)
    department = _department_filter()
    code = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = DailyStatus._meta.get_field("code").choices
        self.fields["code"].choices = [("", _("All"))] + list(choices)
        # Unfiltered, the page shows yesterday (the last whole day): the date box says so too.
        self.initial.setdefault("day", local_today() - timedelta(days=1))
        self.helper = _helper(_("Show"), method="get", inline=True)


class MonthFilterForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.DateInput(attrs={"type": "month"})
    )
    department = _department_filter()

    def __init__(self, *args, departments: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Unfiltered, the page shows the current month: the month box says so too.
        self.initial.setdefault("month", f"{local_today():%Y-%m}")
        if not departments:
            del self.fields["department"]
        self.helper = _helper(_("Show"), method="get", inline=True)

    def clean_month(self) -> date | None:
        value = self.cleaned_data.get("month")
        if not value:
            return None
        month = to_month(value)
        if month is None:
            raise forms.ValidationError(_("Pick a month."))
        return month


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Show"), method="get", inline=True)
