"""Forms for the register, its filters and each step of the handling form (shape only)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.models import Department
from staff.phones import InvalidPhone, normalize_phone

from .models import Channel, Complaint, ComplaintCategory, ComplaintStatus, Severity
from .rules import SATISFACTION_MAX, SATISFACTION_MIN, Action

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def _now_local():
    return timezone.localtime().replace(second=0, microsecond=0)


def _text_area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ComplaintForm(forms.ModelForm):
    """客户投诉登记表: what customer service writes down when a complaint arrives (CMP-1/2)."""

    class Meta:
        model = Complaint
        fields = [
            "channel",
            "received_at",
            "customer_name",
            "phone",
            "address",
            "document_ref",
            "category",
            "severity",
            "summary",
        ]
        widgets = {
            "received_at": _datetime_input(),
            "summary": _text_area(4),
            "severity": forms.RadioSelect,
        }
        help_texts = {
            "severity": _("Minor: follow-up by phone. Major: follow-up visit on site."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ComplaintCategory.objects.filter(is_active=True)
        self.fields["received_at"].initial = _now_local
        self.fields["channel"].initial = Channel.PHONE
        self.fields["severity"].choices = Severity.choices  # radios: no empty "---------"
        self.fields["severity"].initial = Severity.MINOR
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "complaint-form"}
        self.helper.layout = Layout(
            Row(Column("channel"), Column("received_at"), Column("category")),
            Row(Column("customer_name"), Column("phone"), Column("document_ref")),
            "address",
            Field("severity", wrapper_class="mb-3"),
            "summary",
        )
        self.helper.add_input(
            Submit("submit", _("Register the complaint"), data_testid="register-submit")
        )

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "")
        if not raw.strip():
            return ""
        try:
            return normalize_phone(raw)
        except InvalidPhone as exc:
            raise forms.ValidationError(exc.message, code=exc.reason) from exc


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + ComplaintStatus.choices
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=ComplaintCategory.objects.all(),
        empty_label=_("All"),
    )
    department = forms.ChoiceField(
        label=_("Responsible department"),
        required=False,
        choices=[("", _("All"))] + Department.choices,
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, search_placeholder: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end no-print"
        self.helper.attrs = {"data-testid": "register-filters"}
        self.helper.layout = Layout(
            Field("q", placeholder=search_placeholder),
            "status",
            "category",
            "department",
            "received_from",
            "received_to",
            Field("overdue", wrapper_class="mb-3"),
            Submit("", _("Filter"), css_class="btn-secondary mb-3"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."), code="range")
        return cleaned


class DepartmentListForm(forms.Form):
    show_closed = forms.BooleanField(label=_("Show closed complaints too"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            Field("show_closed", wrapper_class="mb-3"),
            Submit("", _("Show"), css_class="btn-secondary mb-3"),
        )


# ------------------------------------------------------------------------------------------------
# The handling form's steps: one form per action; field names are the services' arguments.
# ------------------------------------------------------------------------------------------------


class StepForm(forms.Form):
    action: Action
    submit_label = _("Save")

    def __init__(self, *args, action_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action_url
        self.helper.attrs = {"data-testid": f"step-form-{self.action}"}
        self.helper.add_input(
            Submit("submit", self.submit_label, data_testid=f"submit-{self.action}")
        )


class InvestigationForm(StepForm):
    action = Action.INVESTIGATE
    submit_label = _("Record the investigation")
    findings = forms.CharField(label=_("Investigation findings"), widget=_text_area())
    proposal = forms.CharField(label=_("Proposal"), widget=_text_area())


class DecisionForm(StepForm):
    action = Action.DECIDE
    submit_label = _("Record the decision")
    handling_method = forms.CharField(label=_("Handling method"), widget=_text_area())
    responsible_department = forms.ChoiceField(
        label=_("Responsible department"), choices=[("", "---------")] + Department.choices
    )


class HandlingForm(StepForm):
    action = Action.HANDLE
    submit_label = _("Record the handling")
    handling_record = forms.CharField(label=_("What was done"), widget=_text_area(4))


class ReplyForm(StepForm):
    action = Action.REPLY
    submit_label = _("Record the reply")
    channel = forms.ChoiceField(label=_("Replied by"), choices=Channel.choices, initial="PHONE")
    replied_at = forms.DateTimeField(label=_("Replied at"), widget=_datetime_input())
    text = forms.CharField(label=_("What the customer was told"), widget=_text_area())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replied_at"].initial = _now_local


SATISFACTION_LABELS = {
    1: _("1 – very dissatisfied"),
    2: _("2 – dissatisfied"),
    3: _("3 – acceptable"),
    4: _("4 – satisfied"),
    5: _("5 – very satisfied"),
}
SATISFACTION_CHOICES = [
    (score, SATISFACTION_LABELS[score]) for score in range(SATISFACTION_MIN, SATISFACTION_MAX + 1)
]


class FollowUpForm(StepForm):
    action = Action.FOLLOW_UP
    submit_label = _("Record the follow-up visit")
    visited_at = forms.DateTimeField(label=_("Visited or called at"), widget=_datetime_input())
    outcome = forms.CharField(label=_("Outcome"), widget=_text_area())
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_at"].initial = _now_local


LOW_SATISFACTION = 2  # closing after a follow-up scored this or lower asks to confirm (issue 15)


class CloseForm(StepForm):
    action = Action.CLOSE
    submit_label = _("Close and report to the general manager")
    gm_report = forms.CharField(label=_("Report to the general manager"), widget=_text_area())

    def __init__(self, *args, satisfaction: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if satisfaction is not None and satisfaction <= LOW_SATISFACTION:
            self.helper.attrs["data-confirm"] = _(
                "The customer rated the follow-up %(score)s of 5 (dissatisfied). Close the "
                "complaint anyway?"
            ) % {"score": satisfaction}


STEP_FORMS: dict[Action, type[StepForm]] = {
    form.action: form
    for form in (
        InvestigationForm,
        DecisionForm,
        HandlingForm,
        ReplyForm,
        FollowUpForm,
        CloseForm,
    )
}
