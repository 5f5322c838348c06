"""The report pickers: a period (day, week, month) with a date, and a month."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.params import SENSIBLE_DATE


class PeriodForm(forms.Form):
    PERIOD_CHOICES = [("day", _("Day")), ("week", _("Week")), ("month", _("Month"))]

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    day = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATE,
    )

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATE,
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATE,
    )

    MAX_RANGE_DAYS = 92

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last:
            if last < first:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (last - first).days >= self.MAX_RANGE_DAYS:
                raise forms.ValidationError(_("Choose at most 92 days."))
        return data

    def date_range(self) -> tuple[date, date] | None:
        """A free range (both ends given and valid), or None for the day/week/month views."""
        if not self.is_valid():
            return None
        first, last = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        return (first, last) if first and last else None

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
        validators=SENSIBLE_DATE,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def value(self) -> date:
        """The chosen month; default: last month (the last complete one)."""
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("month")
        if chosen:
            return chosen.replace(day=1)
        return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
