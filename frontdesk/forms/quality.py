"""Forms of hotline quality and team mood (FD-7, FD-9)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from staff.forms import UploadForm
from staff.models import ImportKind

from .common import parse_month

MOOD_CHOICES = [
    (5, _("5 · Very good")),
    (4, _("4 · Good")),
    (3, _("3 · So-so")),
    (2, _("2 · Low")),
    (1, _("1 · Very low")),
]


class CallImportForm(UploadForm):
    file = forms.FileField(
        label=_("Call records (CSV or Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    preset_kind = ImportKind.CALLS
    preset_help = _("Choose the program whose export this is; presets are edited in the admin.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "call-import-form"}
        self.helper.add_input(Submit("upload", _("Preview"), data_testid="call-import-save"))


class AlertNoteForm(forms.Form):
    note = forms.CharField(label=_("What was done"), max_length=300)


class MoodForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How do you feel today?"),
        choices=MOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=200)


class GoodCaseForm(forms.Form):
    """Mark a good case by the complaint number, or a call or callback by its number."""

    SUBJECTS = [
        ("complaint", _("Complaint (number, e.g. TS2026-0001)")),
        ("call", _("Call record (No.)")),
        ("callback", _("Callback (No.)")),
    ]
    subject = forms.ChoiceField(label=_("What"), choices=SUBJECTS)
    reference = forms.CharField(label=_("Number"), max_length=30)
    note = forms.CharField(
        label=_("Why it is a good case"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse_lazy("frontdesk:good_case_new")
        self.helper.attrs = {"data-testid": "good-case-form"}
        self.helper.add_input(
            Submit("save", _("Mark as a good case"), data_testid="good-case-save")
        )


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )

    def clean_month(self):
        return parse_month(self.cleaned_data.get("month", ""))
