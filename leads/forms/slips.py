"""The transfer slip's forms (SLIP-1): filling it, a salesperson's new customer with its slip,
and the slip lists' filters."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from staff.models import Staff

from ..queries.slips import SlipStatus
from .common import DATE, blank, designers, phone_check_attrs
from .leads import CustomerFields


class SlipForm(forms.Form):
    """The slip's own fields (SLIP-1); the designer is filled only at dispatch."""

    customer_intent = forms.CharField(
        label=_("Customer's wishes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Style, rooms, timing and anything the designer should know."),
    )
    preferred_designer = forms.ModelChoiceField(
        label=_("Preferred designer"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("Honoured at dispatch when the designer is eligible and under the caps."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_designer"].queryset = designers()
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Fill the slip"), data_testid="slip-submit"))


class MarketingLeadForm(CustomerFields, SlipForm):
    """A salesperson's new customer and its slip, in one form."""

    field_order = ("customer_intent", "preferred_designer", *CustomerFields.field_order)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(phone_check_attrs("slip-phone"))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(
                Div(Field("phone"), css_class="col-md-4"),
                Div(HTML('<div id="phone-check" aria-live="polite"></div>'), css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                Div(Field("customer_name", data_testid="slip-name"), css_class="col-md-4"),
                Div("community", css_class="col-md-4"),
                Div("building", css_class="col-md-4"),
                css_class="row",
            ),
            Div(
                Div("area_m2", css_class="col-md-3"),
                Div("budget", css_class="col-md-3"),
                Div("planned_decoration_date", css_class="col-md-3"),
                Div("consultation_date", css_class="col-md-3"),
                css_class="row",
            ),
            "customer_intent",
            "preferred_designer",
            "notes",
            Submit("save", _("Fill the slip"), data_testid="slip-submit"),
        )


class SlipFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (SlipStatus.AWAITING_MARKETING, _("Awaiting the marketing manager")),
            (SlipStatus.AWAITING_STORE, _("Awaiting the store manager")),
            (SlipStatus.SIGNED, _("Signed, not yet dispatched")),
            (SlipStatus.DISPATCHED, _("Dispatched")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout("status", Submit("", _("Filter"), css_class="btn-secondary"))


class HrSlipFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Dispatched from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Dispatched to"), required=False, widget=DATE)
    salesperson = forms.ChoiceField(label=_("Salesperson"), required=False)

    def __init__(self, *args, salespeople=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["salesperson"].choices = blank(_("All")) + [
            (str(p.pk), p.get_full_name()) for p in salespeople
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            "date_from",
            "date_to",
            "salesperson",
            Submit("", _("Filter"), css_class="btn-secondary"),
        )
