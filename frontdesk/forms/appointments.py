"""Forms of showroom appointments (FD-3)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.params import SENSIBLE_DATE
from leads.models import Channel

from ..models import SampleHouse
from .common import DATE, active_staff, datetime_field


class BookingForm(forms.Form):
    sample_house = forms.ModelChoiceField(label=_("Sample house"), queryset=None)
    starts_at = datetime_field(_("Date and time"))
    customer_name = forms.CharField(label=_("Customer name"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=40)
    wishes = forms.CharField(
        label=_("Customer's wishes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Style, rooms, budget, what they want to see."),
    )
    invited_by = forms.ModelChoiceField(
        label=_("Invited by"),
        queryset=None,
        required=False,
        help_text=_("The colleague who arranged the visit; the visit is their ownership claim."),
    )
    channel = forms.ChoiceField(
        label=_("Channel (new customers)"), choices=Channel.choices, initial=Channel.PHONE
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sample_house"].queryset = SampleHouse.objects.filter(is_active=True)
        self.fields["invited_by"].queryset = active_staff()
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "booking-form"}
        self.helper.layout = Layout(
            Div(
                Div(Field("sample_house", data_testid="booking-house"), css_class="col-md-4"),
                Div(Field("starts_at", data_testid="booking-starts"), css_class="col-md-4"),
                css_class="row",
            ),
            Div(
                Div("customer_name", css_class="col-md-4"),
                Div(Field("phone", inputmode="tel"), css_class="col-md-4"),
                Div("channel", css_class="col-md-4"),
                css_class="row",
            ),
            "wishes",
            "invited_by",
            Submit("save", _("Book the visit"), data_testid="booking-save"),
        )


class RescheduleForm(forms.Form):
    sample_house = forms.ModelChoiceField(label=_("Sample house"), queryset=None)
    starts_at = datetime_field(_("Date and time"))
    wishes = forms.CharField(
        label=_("Customer's wishes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sample_house"].queryset = SampleHouse.objects.filter(is_active=True)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save the change")))


class OutcomeNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), max_length=300)


class DayForm(forms.Form):
    day = forms.DateField(label=_("Date"), required=False, widget=DATE, validators=SENSIBLE_DATE)
