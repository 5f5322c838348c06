"""The quality gate's forms (QG-2)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LiftHoldForm(forms.Form):
    """QG-2: a hold is lifted early only with a reason."""

    reason = forms.CharField(label=_("Why lift the hold"), max_length=500, strip=True)
