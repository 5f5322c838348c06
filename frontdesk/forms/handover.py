"""The shift handover form (FD-6)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import HandoverNote, Shift
from .common import DATE


def _text(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
    )


class HandoverForm(forms.Form):
    shift_date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    shift = forms.ChoiceField(label=_("Shift"), choices=Shift.choices)
    business_changes = _text(_("Business changes"), _("New or changed business, prices, offers."))
    notices = _text(_("Notices from superiors"))
    customer_suggestions = _text(_("Customers' suggestions"))
    complaints = _text(_("Complaints in progress"), _("Where each one stands, what is promised."))
    equipment = _text(_("Equipment changes"), _("Phones, computers, copier, air conditioning."))
    other = _text(_("Other"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "handover-form"}
        self.helper.layout = Layout(
            Div(
                Div("shift_date", css_class="col-md-3"),
                Div("shift", css_class="col-md-3"),
                css_class="row",
            ),
            *HandoverNote.SECTIONS,
            Submit("save", _("Save the handover"), data_testid="handover-save"),
        )
