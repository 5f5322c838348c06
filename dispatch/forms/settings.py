"""The dispatch settings: caps, the tier mapping, seasons and champions (DISP-3, DISP-4)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from leads.models import SizeClass
from staff.models import DesignerTier

from ..models import CAP_FIELDS, CapacityRule, Champion, SeasonPeriod
from .common import DATE_INPUT


class CapacityRuleForm(forms.ModelForm):
    class Meta:
        model = CapacityRule
        fields = ["effective_from", *CAP_FIELDS, "note"]
        widgets = {"effective_from": DATE_INPUT}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("effective_from"), Column("note")),
            Row(Column("day_cap"), Column("week_cap")),
            Row(Column("season_cap_off"), Column("season_cap_peak")),
            Row(
                Column("champion_day_bonus"),
                Column("champion_week_bonus"),
                Column("champion_season_bonus"),
            ),
        )

    def validate_unique(self) -> None:
        """Same date again = a correction of that rule (see services.set_capacity_rule)."""


class TierMappingForm(forms.Form):
    """DISP-1 as a matrix: one checkbox per (size class, tier)."""

    def __init__(self, *args, pairs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = set(pairs)
        for size in SizeClass:
            for tier in DesignerTier:
                self.fields[self.field_name(size, tier)] = forms.BooleanField(
                    required=False,
                    initial=(size.value, tier.value) in current,
                    label=f"{size.label} / {tier.label}",
                )

    @staticmethod
    def field_name(size: str, tier: str) -> str:
        return f"{size}__{tier}"

    def pairs(self) -> list[tuple[str, str]]:
        return [
            tuple(name.split("__", 1)) for name, checked in self.cleaned_data.items() if checked
        ]

    def matrix(self) -> list[tuple[str, list]]:
        """Rows of (size label, [bound checkbox per tier]) for the template."""
        return [
            (size.label, [self[self.field_name(size, tier)] for tier in DesignerTier])
            for size in SizeClass
        ]


class SeasonForm(forms.ModelForm):
    class Meta:
        model = SeasonPeriod
        fields = ["name", "kind", "start", "end"]
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("name"), Column("kind")), Row(Column("start"), Column("end"))
        )
        self.helper.add_input(Submit("save", _("Save")))


class ChampionComputeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Title"), choices=Champion.Kind.choices)
    period_day = forms.DateField(
        label=_("Any day in the period"),
        widget=DATE_INPUT,
        help_text=_("The quarter or year that holds this day is counted."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse_lazy("dispatch:champions_compute")
        self.helper.attrs = {"data-testid": "compute-form"}
        self.helper.form_class = "row row-cols-lg-auto g-2 align-items-end mb-3"
        self.helper.add_input(Submit("compute", _("Compute")))


class RejectChampionForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=200)
