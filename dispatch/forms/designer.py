"""The designer's own page: declining a lead (DISP-7)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import DeclineReason


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
