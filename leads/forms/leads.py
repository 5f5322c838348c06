"""The lead's own forms: the customer's details at intake, a visit, the list's filter, editing,
the ownership ruling and a private-contact finding."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from ..models import Channel, Lead, LeadState, SizeClass
from ..services.referrals import referrer_for
from .common import (
    DATE,
    BoundedDates,
    Select,
    active_staff,
    blank,
    choices_from,
    designers,
    phone_check_attrs,
)


class HouseFields(forms.Form):
    """The house and the plan (LEAD-1): written once for every form that takes them (intake,
    slips, filings, and the front desk's reception and phone logs)."""

    community = forms.CharField(label=_("Community"), max_length=100, required=False)
    building = forms.CharField(label=_("Building / unit / room"), max_length=100, required=False)
    area_m2 = forms.DecimalField(
        label=_("House area (m²)"), min_value=0.01, max_digits=8, decimal_places=2, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (CNY)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    planned_decoration_date = forms.DateField(
        label=_("Planned decoration date"), required=False, widget=DATE
    )


class CustomerFields(BoundedDates, HouseFields):
    """The customer's details (LEAD-1), shared by intake, the salesperson's slip and filings."""

    field_order = ("phone", "customer_name", *HouseFields.base_fields)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("Mobile (11 digits) or landline with area code."),
    )
    customer_name = forms.CharField(label=_("Customer name"), max_length=50)
    consultation_date = forms.DateField(
        label=_("Consultation date"), widget=DATE, initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntakeForm(CustomerFields):
    """The front desk's form (LEAD-1): phone first, channel required, one screen."""

    channel = forms.ChoiceField(label=_("Channel"), choices=blank("---------") + Channel.choices)
    in_person = forms.BooleanField(
        label=_("The customer is here in person"), required=False, initial=True
    )
    brought_by = forms.ModelChoiceField(
        label=_("Brought by (staff)"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("The colleague who brought this customer, if any."),
    )
    named_by_customer = forms.ModelChoiceField(
        label=_("The customer says they were sent by"),
        queryset=Staff.objects.none(),
        required=False,
    )
    referrer_phone = forms.CharField(
        label=_("Referred by (the former customer's phone)"),
        max_length=40,
        required=False,
        help_text=_("The former customer who sent them, found by their phone number."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["brought_by"].queryset = active_staff()
        self.fields["named_by_customer"].queryset = active_staff()
        self.fields["referrer_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "off", "data-testid": "intake-referrer"}
        )
        phone = phone_check_attrs("intake-phone", autocomplete="off")
        self.fields["phone"].widget.attrs.update(phone)
        # Shown for the referral channel only (static/js/intake.js toggles it as the channel
        # changes; the server decides the first render so it also works without JS).
        referral = self.data.get("channel") == Channel.REFERRAL
        self.helper = FormHelper()
        self.helper.form_id = "intake-form"
        self.helper.attrs = {"data-testid": "intake-form"}
        self.helper.layout = _intake_layout(referrer_shown=referral)

    def clean(self):
        data = super().clean()
        raw = (data.get("referrer_phone") or "").strip()
        if data.get("channel") != Channel.REFERRAL or not raw:
            data["referrer_phone"] = ""  # only a referral lead names a referrer (CARE-5)
            return data
        try:
            phone = normalize_phone(raw)
        except InvalidPhone as exc:
            self.add_error("referrer_phone", exc.message)
            return data
        if referrer_for(phone) is None:
            self.add_error(
                "referrer_phone", _("No customer with this phone number; check the number.")
            )
        data["referrer_phone"] = phone
        return data


def _intake_layout(*, referrer_shown: bool) -> Layout:
    """One screen: phone first with the duplicate check beside it, then the customer."""
    return Layout(
        Div(
            Div(Field("phone"), css_class="col-md-4"),
            Div(HTML('<div id="phone-check" aria-live="polite"></div>'), css_class="col-md-8"),
            css_class="row",
        ),
        Div(
            Div("customer_name", css_class="col-md-4"),
            Div(Field("channel", data_testid="intake-channel"), css_class="col-md-4"),
            Div("in_person", css_class="col-md-4 pt-md-4"),
            css_class="row",
        ),
        Div(
            Div("community", css_class="col-md-4"),
            Div("building", css_class="col-md-4"),
            Div("area_m2", css_class="col-md-2"),
            Div("budget", css_class="col-md-2"),
            css_class="row",
        ),
        Div(
            Div("planned_decoration_date", css_class="col-md-3"),
            Div("consultation_date", css_class="col-md-3"),
            Div("brought_by", css_class="col-md-3"),
            Div("named_by_customer", css_class="col-md-3"),
            css_class="row",
        ),
        Div(
            Div("referrer_phone", css_class="col-md-4"),
            css_class="row" if referrer_shown else "row d-none",
            css_id="referrer-field",
        ),
        "notes",
        Submit("save", _("Register"), css_class="btn-primary", data_testid="intake-submit"),
    )


class RecordVisitForm(forms.Form):
    named_by_customer = forms.ModelChoiceField(
        label=_("The customer says they were sent by"),
        queryset=Staff.objects.none(),
        required=False,
        widget=Select(attrs={"class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_by_customer"].queryset = active_staff()
        if people is not None:
            choices_from(self.fields["named_by_customer"], people)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "named_by_customer",
            "note",
            Submit("visit", _("Record this visit"), data_testid="record-visit"),
        )


class LeadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=blank(_("All")) + Channel.choices,
        widget=Select,
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=blank(_("All")) + LeadState.choices, widget=Select
    )
    size_class = forms.ChoiceField(
        label=_("Size class"),
        required=False,
        choices=blank(_("All")) + SizeClass.choices,
        widget=Select,
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=Select)
    community = forms.CharField(label=_("Community"), required=False)
    date_from = forms.DateField(label=_("Consulted from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Consulted to"), required=False, widget=DATE)

    def __init__(self, *args, owners=(), show_owner: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = (
            blank(_("All"))
            + [("company", _("Company"))]
            + [(str(person.pk), person.get_full_name()) for person in owners]
        )
        self.fields["q"].widget.attrs["placeholder"] = _("Name, phone or address")
        self.fields["community"].widget.attrs["list"] = "communities"
        fields = ["q", "channel", "state", "size_class", "community", "date_from", "date_to"]
        if show_owner:
            fields.insert(4, "owner")
        else:
            del self.fields["owner"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(*fields, Submit("", _("Filter"), css_class="btn-secondary"))


class LeadEditForm(BoundedDates, forms.ModelForm):
    class Meta:
        model = Lead
        fields = [
            "customer_name",
            "community",
            "building",
            "area_m2",
            "budget",
            "planned_decoration_date",
            "notes",
        ]
        widgets = {"planned_decoration_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        # The same field has the same label on intake and edit (UI.md, issue 15).
        labels = {name: CustomerFields.base_fields[name].label for name in fields}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class RulingForm(forms.Form):
    """ATTR-5: the owner against the ranking, with the reason in writing."""

    winner = forms.ChoiceField(label=_("Owner"), widget=Select)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, claims=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["winner"].choices = [("company", _("The company (natural walk-in)"))] + [
            (str(claim.pk), f"{claim} · {claim.recorded_at:%Y-%m-%d %H:%M}") for claim in claims
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("winner", data_testid="ruling-winner"),
            Field("reason", data_testid="ruling-reason"),
        )

    def claim_id(self) -> int | None:
        winner = self.cleaned_data["winner"]
        return None if winner == "company" else int(winner)


class PrivateContactForm(forms.Form):
    designer = forms.ModelChoiceField(
        label=_("Designer"), queryset=Staff.objects.none(), widget=Select
    )
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designer"].queryset = designers()
        if people is not None:  # the active designers, by name
            choices_from(self.fields["designer"], people)
        self.helper = FormHelper()
        self.helper.form_tag = False
