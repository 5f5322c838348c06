"""The filters of the dispatch log and of the designer's own leads."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from leads.models import LeadState

from .. import queries
from ..models import Assignment
from .common import DATE_INPUT


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
