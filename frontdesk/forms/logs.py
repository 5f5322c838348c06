"""Quick entry forms of the reception and phone logs (FD-1, FD-2)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from leads.forms.leads import HouseFields
from leads.models import Channel

from ..models import Appointment, CallTopic, VisitPurpose
from .common import DATE, active_staff, datetime_field, filter_helper, now_local


def _phone_widget_attrs() -> dict:
    return {
        "inputmode": "tel",
        "autocomplete": "off",
        "data-testid": "log-phone",
        "hx-get": reverse_lazy("frontdesk:phone_check"),
        "hx-trigger": "input changed delay:300ms, change",
        "hx-target": "#phone-check",
    }


class CustomerDetailsForm(HouseFields):
    """The customer's details for their lead (LEAD-1); used when the entry is a customer's."""

    field_order = ("channel", *HouseFields.base_fields)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    brought_by = forms.ModelChoiceField(
        label=_("Brought by (staff)"), queryset=None, required=False
    )
    named_by_customer = forms.ModelChoiceField(
        label=_("The customer says they were sent by"), queryset=None, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("brought_by", "named_by_customer"):
            self.fields[name].queryset = active_staff()

    CUSTOMER_FIELDS = (
        "channel",
        "community",
        "building",
        "area_m2",
        "budget",
        "planned_decoration_date",
        "brought_by",
        "named_by_customer",
    )

    def customer_fieldset(self) -> Fieldset:
        return Fieldset(
            _("Customer details for the lead"),
            Div(
                Div(Field("channel", data_testid="log-channel"), css_class="col-md-3"),
                Div("community", css_class="col-md-3"),
                Div("building", css_class="col-md-3"),
                Div("area_m2", css_class="col-md-1"),
                Div("budget", css_class="col-md-2"),
                css_class="row",
            ),
            Div(
                Div("planned_decoration_date", css_class="col-md-3"),
                Div("brought_by", css_class="col-md-3"),
                Div("named_by_customer", css_class="col-md-3"),
                css_class="row",
            ),
            css_id="customer-details",
        )


class ReceptionForm(CustomerDetailsForm):
    purpose = forms.ChoiceField(label=_("Visit purpose"), choices=VisitPurpose.choices)
    visitor_name = forms.CharField(label=_("Visitor"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    arrived_at = datetime_field(_("Arrived at"), initial=now_local)
    receiver = forms.ModelChoiceField(
        label=_("Received by"),
        queryset=None,
        required=False,
        help_text=_("The colleague who received them, if not you."),
    )
    appointment = forms.ModelChoiceField(
        label=_("Came for the showroom appointment"),
        queryset=Appointment.objects.none(),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, appointments=None, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("channel", Channel.WALK_IN)
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = active_staff()
        if appointments is not None:
            self.fields["appointment"].queryset = appointments
        self.fields["phone"].widget.attrs.update(_phone_widget_attrs())
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "reception-form"}
        self.helper.layout = Layout(
            Div(
                Div(Field("purpose", data_testid="reception-purpose"), css_class="col-md-3"),
                Div(Field("visitor_name", autofocus=True), css_class="col-md-3"),
                Div("phone", css_class="col-md-3"),
                Div("arrived_at", css_class="col-md-3"),
                css_class="row",
            ),
            HTML('<div id="phone-check" class="mb-2" aria-live="polite"></div>'),
            Div(
                Div("receiver", css_class="col-md-4"),
                Div("appointment", css_class="col-md-8"),
                css_class="row",
            ),
            self.customer_fieldset(),
            "notes",
            Submit("save", _("Save the entry"), data_testid="reception-save"),
        )


class PhoneForm(CustomerDetailsForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=CallTopic.choices)
    caller_name = forms.CharField(label=_("Caller"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    called_at = datetime_field(_("Call time"), initial=now_local)
    summary = forms.CharField(
        label=_("What was asked and answered"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )
    message_for = forms.ModelChoiceField(
        label=_("Message for"),
        queryset=None,
        required=False,
        help_text=_("A colleague the caller asked for; they are told at once."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("channel", Channel.PHONE)
        super().__init__(*args, **kwargs)
        self.fields["message_for"].queryset = active_staff()
        self.fields["phone"].widget.attrs.update(_phone_widget_attrs())
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "phone-form"}
        self.helper.layout = Layout(
            Div(
                Div(Field("topic", data_testid="phone-topic"), css_class="col-md-3"),
                Div(Field("caller_name", autofocus=True), css_class="col-md-3"),
                Div("phone", css_class="col-md-3"),
                Div("called_at", css_class="col-md-3"),
                css_class="row",
            ),
            HTML('<div id="phone-check" class="mb-2" aria-live="polite"></div>'),
            Div(
                Div("summary", css_class="col-md-8"),
                Div("message_for", css_class="col-md-4"),
                css_class="row",
            ),
            self.customer_fieldset(),
            Submit("save", _("Save the call"), data_testid="phone-save"),
        )


class LogFilterForm(forms.Form):
    day = forms.DateField(label=_("Date"), required=False, widget=DATE)
    kind = forms.ChoiceField(label=_("Purpose"), required=False)
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, kinds, kind_label=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *kinds]
        if kind_label:
            self.fields["kind"].label = kind_label
        self.fields["q"].widget.attrs["placeholder"] = _("Name, phone or text")
        self.helper = filter_helper()
