"""The dashboard's in-place form for what a waiting lead lacks (DISP-2): input shape only."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leads.rules.dates import check_date

from .common import DATE_INPUT


class CompleteForDispatchForm(forms.Form):
    """Each detail is optional (fill what is known now); the button that confirms the designer
    levels sends `levels_introduced`. The labels are the intake form's."""

    planned_decoration_date = forms.DateField(
        label=_("Planned decoration date"), required=False, widget=DATE_INPUT
    )
    area_m2 = forms.DecimalField(
        label=_("House area (m²)"), min_value=0.01, max_digits=8, decimal_places=2, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (CNY)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    levels_introduced = forms.BooleanField(required=False)

    def clean_planned_decoration_date(self):
        """The same window as on the intake form (leads.rules.dates)."""
        value = self.cleaned_data["planned_decoration_date"]
        message = (
            check_date("planned_decoration_date", value, timezone.localdate()) if value else None
        )
        if message:
            raise forms.ValidationError(message)
        return value

    def error_text(self) -> str:
        """Every field error on one line, each after its field's label (for the refusal box)."""
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            text = " ".join(str(e) for e in errors)
            parts.append(f"{label}: {text}" if label else text)
        return " ".join(parts)
