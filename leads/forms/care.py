"""Forms of the customer-care pages (CARE-1, CARE-2, CARE-4): shape only; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Consent, CustomerProfile
from .common import DATE

SCORES = [(n, str(n)) for n in range(5, 0, -1)]


class CareFeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction (1–5)"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CareDatesForm(forms.Form):
    starts_on = forms.DateField(label=_("Construction starts"), widget=DATE)
    completes_on = forms.DateField(label=_("Completion"), widget=DATE)
    warranty_ends_on = forms.DateField(label=_("Warranty ends"), widget=DATE)


class CustomerProfileForm(forms.ModelForm):
    class Meta:
        model = CustomerProfile
        fields = ["style", "family", "best_time", "notes", "moved_in_on", "consent"]
        widgets = {"moved_in_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"consent": _("Greetings on festivals and anniversaries")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].choices = Consent.choices
