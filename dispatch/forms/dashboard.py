"""The dashboard's actions: dispatch, forced dispatch and decline (DISP-5..7, QG-2)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """Decline and forced dispatch: the shape of the post. A missing reason is the services'
    refusal (DISP-7), in their words."""

    reason = forms.CharField(label=_("Reason"), max_length=500, strip=True, required=False)
    designer = forms.IntegerField(required=False, widget=forms.HiddenInput)


def errors_text(form: forms.Form) -> str:
    """A refused post's form errors as one line, for the refusal message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


class ChooseDesignerForm(forms.Form):
    """One-click dispatch: no designer means the automatic choice (first in rotation). Choosing
    a designer on quality hold carries a reason (QG-2)."""

    designer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=500, strip=True)
