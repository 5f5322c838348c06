"""Forms of the lifecycle pages (measurement, contracts, closures, callbacks, commission): they
check the shape of input; the services decide the rest."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.models import Role, Staff

from ..models import CallbackKind, ClosureKind, ClosureReason, ContractType
from ..queries.callbacks import ALL, CallbackTab
from ..queries.closures import ClosureTab
from ..rules import lifecycle as rules
from .common import DATE, BoundedDates, active_staff, blank, designers

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class MonthField(forms.DateField):
    """A month picker (YYYY-MM), cleaned to the month's first day."""

    widget = MONTH
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class MeasurementForm(BoundedDates, forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE, initial=timezone.localdate)
    designer = forms.ModelChoiceField(label=_("Designer"), queryset=Staff.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designer"].queryset = designers()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("measured_on", data_testid="measured-on"),
            Field("designer", data_testid="measured-by"),
            "note",
            Submit("save", _("Record the measurement"), data_testid="measurement-submit"),
        )


class ContractForm(BoundedDates, forms.Form):
    number = forms.CharField(label=_("Contract number"), max_length=40)
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=ContractType.choices, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), min_value=1, max_digits=12, decimal_places=0
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, initial=timezone.localdate)
    signed_by_design_department = forms.BooleanField(
        label=_("Signed by the design department"), required=False, initial=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("number", data_testid="contract-number"),
            "contract_type",
            Field("amount", data_testid="contract-amount"),
            "signed_on",
            "signed_by_design_department",
            "note",
            Submit("save", _("Record the contract"), data_testid="contract-submit"),
        )


class ResponsibilityFields(forms.Form):
    """CLOSE-3: who is answerable for the lost customer, and a penalty (both optional)."""

    responsible = forms.ModelChoiceField(
        label=_("Responsible staff"), queryset=Staff.objects.none(), required=False
    )
    penalty = forms.DecimalField(
        label=_("Penalty (CNY)"), min_value=0, max_digits=9, decimal_places=0, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = active_staff()


class ClosureProposalForm(ResponsibilityFields):
    """CLOSE-1/2: the first callback: the customer's own words, a reason of the kind the lead's
    state allows, and the explanation."""

    reason = forms.ChoiceField(label=_("Reason"), widget=forms.RadioSelect)
    customer_words = forms.CharField(
        label=_("What the customer said (their own words)"), widget=TEXTAREA
    )
    explanation = forms.CharField(label=_("Explanation"), widget=TEXTAREA, required=False)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = rules.REASONS_BY_KIND[rules.ClosureKind(kind)]
        self.fields["reason"].choices = [
            (code, label) for code, label in ClosureReason.choices if code in allowed
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("reason", data_testid="closure-reason"),
            Field("customer_words", data_testid="closure-words"),
            Field("explanation", data_testid="closure-explanation"),
            "responsible",
            "penalty",
            Submit("propose", _("Propose the closure"), data_testid="closure-propose"),
        )


class ClosureDecisionForm(ResponsibilityFields):
    """CLOSE-2: the design manager's second callback; a rejection needs the note."""

    CONFIRM = "confirm"
    REJECT = "reject"

    note = forms.CharField(
        label=_("Second callback: what the customer said, and your decision"),
        widget=TEXTAREA,
        required=False,
    )
    decision = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (REJECT, REJECT)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("note", data_testid="decision-note"), "responsible", "penalty"
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=TEXTAREA, max_length=1000)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("reason", data_testid="reopen-reason"))


class ClosureFilterForm(forms.Form):
    tab = forms.ChoiceField(
        required=False,
        choices=[
            (ClosureTab.AWAITING, _("Awaiting confirmation")),
            (ClosureTab.MINE, _("My proposals")),
            (ClosureTab.REJECTED, _("Rejected")),
            (ClosureTab.CONFIRMED, _("Confirmed")),
            (ClosureTab.ALL, _("All")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=blank(_("All")) + ClosureKind.choices
    )


class AnalysisFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Confirmed from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Confirmed to"), required=False, widget=DATE)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=blank(_("All")) + ClosureKind.choices
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            "date_from", "date_to", "kind", Submit("", _("Show"), css_class="btn-secondary")
        )


class CallbackOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CallbackReassignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=Staff.objects.none())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        callers = (Role.CS_AGENT, Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER, Role.FRONT_DESK)
        self.fields["assignee"].queryset = (
            active_staff().filter(groups__name__in=callers).distinct()
        )


class CallbackFilterForm(forms.Form):
    tab = forms.ChoiceField(
        required=False,
        choices=[(CallbackTab.OPEN, _("Open")), (CallbackTab.DONE, _("Done"))],
    )
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=blank(_("All")) + CallbackKind.choices
    )

    def __init__(self, *args, assignees=(), show_assignee: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if show_assignee:
            self.fields["assignee"].choices = (
                blank(_("Mine"))
                + [(ALL, _("Everyone"))]
                + [(str(p.pk), p.get_full_name()) for p in assignees]
            )
        else:
            del self.fields["assignee"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        fields = [name for name in ("assignee", "kind") if name in self.fields]
        self.helper.layout = Layout(
            Field("tab", type="hidden"), *fields, Submit("", _("Filter"), css_class="btn-secondary")
        )


class CommissionMonthForm(forms.Form):
    month = MonthField(label=_("Month"), required=False)
    staff = forms.ChoiceField(label=_("Earner"), required=False)

    def __init__(self, *args, earners=(), show_staff: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("month", timezone.localdate().replace(day=1))  # what is shown
        if show_staff:
            self.fields["staff"].choices = blank(_("Me")) + [
                (str(p.pk), p.get_full_name()) for p in earners
            ]
        else:
            del self.fields["staff"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        fields = [name for name in ("month", "staff") if name in self.fields]
        self.helper.layout = Layout(*fields, Submit("", _("Show"), css_class="btn-secondary"))

    def chosen_month(self) -> date:
        chosen = self.cleaned_data.get("month") if self.is_valid() else None
        return chosen or timezone.localdate().replace(day=1)


class LedgerFilterForm(forms.Form):
    month = MonthField(label=_("Month"), required=False)
    staff = forms.ChoiceField(label=_("Earner"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)
    void = forms.ChoiceField(
        label=_("Lines"),
        required=False,
        choices=[("", _("All")), ("valid", _("Payable")), ("void", _("Void and adjustments"))],
    )

    def __init__(self, *args, earners=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("month", timezone.localdate().replace(day=1))  # what is shown
        self.fields["staff"].choices = blank(_("All")) + [
            (str(p.pk), p.get_full_name()) for p in earners
        ]
        earning_roles = (
            Role.CUSTOMER_MANAGER,
            Role.FRONT_DESK,
            Role.MARKETING_SALES,
            Role.DESIGNER,
        )
        self.fields["role"].choices = blank(_("All")) + [
            (code, label) for code, label in Role.choices if code in earning_roles
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            "month", "staff", "role", "void", Submit("", _("Filter"), css_class="btn-secondary")
        )

    def chosen_month(self) -> date:
        chosen = self.cleaned_data.get("month") if self.is_valid() else None
        return chosen or timezone.localdate().replace(day=1)


class MarkPaidForm(forms.Form):
    month = MonthField(label=_("Month"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
