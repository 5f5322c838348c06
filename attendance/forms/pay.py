"""Pay statement forms (COM-5, COM-3): input shape only; the pay services decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from staff.models import Department, Staff

from ..models import PayLineKind

MONTH = forms.DateInput(attrs={"type": "month"})


def _helper(label, *, method: str = "post", inline: bool = False, testid: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    if inline:
        helper.form_class = "row row-cols-md-auto g-2 align-items-end"
    extra = {"css_class": "btn-secondary"} if method == "get" else {}
    if testid:
        helper.attrs = {"data-testid": testid}
        extra["data-testid"] = f"{testid}-submit"
    helper.add_input(Submit("submit", label, **extra))
    return helper


def parse_month(value: str) -> date:
    """ "2026-03" -> 2026-03-01; a readable error otherwise."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise forms.ValidationError(_("Pick a month.")) from exc


class MonthField(forms.CharField):
    """An <input type=month>, cleaned to the month's first day."""

    widget = MONTH

    def to_python(self, value) -> date | None:
        value = super().to_python(value)
        return parse_month(value) if value else None


class PrepareForm(forms.Form):
    month = MonthField(label=_("Month"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Prepare statements"), inline=True, testid="prepare-form")


class StatementFilterForm(forms.Form):
    department = forms.ChoiceField(
        label=_("Department"), required=False, choices=[("", _("All"))] + Department.choices
    )
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Filter"), method="get", inline=True)
        self.helper.layout = Layout(
            "department", Field("q", placeholder=_("Name or employee number"))
        )


class LineForm(forms.Form):
    """HR's own line: a bonus, or an adjustment either way, always with what it is for."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (PayLineKind.BONUS, PayLineKind.BONUS.label),
            (PayLineKind.ADJUSTMENT, PayLineKind.ADJUSTMENT.label),
        ],
    )
    amount = forms.DecimalField(
        label=_("Amount (CNY)"),
        max_digits=9,
        decimal_places=2,
        help_text=_("An adjustment that takes money off is negative, e.g. -120."),
    )
    note = forms.CharField(label=_("What it is for"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Add line"), testid="line-form")


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it goes back to HR"), max_length=300)


class BonusForm(forms.Form):
    """COM-3: the GM sets the amount and the month whose salary pays it."""

    staff = forms.ModelChoiceField(label=_("Customer manager"), queryset=Staff.objects.none())
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Amount (CNY)"), max_digits=9, decimal_places=2)
    pay_month = MonthField(label=_("Paid with the salary of"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(pk__in=[p.pk for p in people])
        self.fields["staff"].label_from_instance = lambda person: person.get_full_name()
        self.helper = _helper(_("Set bonus"), inline=True, testid="bonus-form")

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("Enter an amount above zero."))
        return amount


class BonusYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Show"), method="get", inline=True)
