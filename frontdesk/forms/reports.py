"""The report pickers: a period (day, week, month) with a date, and a month."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    PERIOD_CHOICES = [("day", _("Day")), ("week", _("Week")), ("month", _("Month"))]

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    day = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def values(self) -> tuple[str, date]:
        """The chosen period and date; defaults: the week containing yesterday."""
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("period") or "week"
        day = data.get("day") or timezone.localdate() - timedelta(days=1)
        return kind, day


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def value(self) -> date:
        """The chosen month; default: last month (the last complete one)."""
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("month")
        if chosen:
            return chosen.replace(day=1)
        return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
