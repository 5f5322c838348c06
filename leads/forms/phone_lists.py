"""The phone lists' forms: importing a list and filtering its numbers."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from staff.imports import check_upload


class PhoneListImportForm(forms.Form):
    name = forms.CharField(label=_("List name"), max_length=100)
    community = forms.CharField(label=_("Community"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=_("Columns: phone, name, address, note (only phone is required)."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("import", _("Preview")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)  # byte and row limits, before the file is parsed
        return upload


class PhoneListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("NEW", _("New number")),
            ("VISITED", _("Visited the office")),
            ("SIGNED", _("Signed")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout("status", Submit("", _("Filter"), css_class="btn-secondary"))
