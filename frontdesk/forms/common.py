"""Widgets and fields shared by the front desk's forms."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.params import to_month
from staff.models import Staff

# ISO formats: what <input type="date"> and "datetime-local" expect whatever the language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def now_local():
    return timezone.localtime().replace(second=0, microsecond=0)


def active_staff():
    return Staff.objects.filter(is_active=True).order_by("name")


def datetime_field(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, widget=DATETIME, input_formats=DATETIME_FORMATS, **kwargs
    )


def filter_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_method = "get"
    helper.form_class = "row row-cols-md-auto g-2 align-items-end mb-2"
    helper.add_input(Submit("", _("Show"), css_class="btn-secondary"))
    return helper


def parse_month(value: str) -> date | None:
    """'2026-03' -> date(2026, 3, 1); blank -> None."""
    if not value:
        return None
    month = to_month(value)
    if month is None:
        raise forms.ValidationError(_("Pick a month."))
    return month
