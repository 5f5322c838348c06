"""Dispatch forms: input shape only; every business check is in rules and services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from leads.models import LeadState, SizeClass
from staff.models import DesignerTier

from . import queries
from .models import CAP_FIELDS, Assignment, CapacityRule, Champion, DeclineReason, SeasonPeriod

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReasonForm(forms.Form):
    """Decline and forced dispatch: the shape of the post. A missing reason is the services'
    refusal (DISP-7), in their words."""

    reason = forms.CharField(label=_("Reason"), max_length=500, strip=True, required=False)
    designer = forms.IntegerField(required=False, widget=forms.HiddenInput)


def errors_text(form: forms.Form) -> str:
    """A refused post's form errors as one line, for the refusal message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


class ChooseDesignerForm(forms.Form):
    """One-click dispatch: no designer means the automatic choice (first in rotation). Choosing
    a designer on quality hold carries a reason (QG-2)."""

    designer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=500, strip=True)


class LiftHoldForm(forms.Form):
    """QG-2: a hold is lifted early only with a reason."""

    reason = forms.CharField(label=_("Why lift the hold"), max_length=500, strip=True)


class DesignerDeclineForm(forms.Form):
    """The designer declines a lead from their own page: a reason from the list, and words."""

    reason_code = forms.ChoiceField(
        label=_("Why"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("In your words"),
        max_length=400,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The customer manager reads this; the lead goes to the next designer."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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


class DispatchLogFilterForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How"), required=False, choices=[("", _("All"))] + Assignment.Method.choices
    )
    declined = forms.BooleanField(label=_("Declined only"), required=False)
    designer = forms.ModelChoiceField(
        label=_("Designer"), required=False, queryset=queries.designers()
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-lg-auto g-2 align-items-end"
        self.helper.add_input(Submit("filter", _("Filter"), css_class="btn-secondary"))


class MyLeadsFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All"))] + LeadState.choices
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-lg-auto g-2 align-items-end"
        self.helper.add_input(Submit("filter", _("Filter"), css_class="btn-secondary"))
