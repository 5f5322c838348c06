"""The daily filing's forms (报备): one customer, an imported file, a reason."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from staff.imports import check_upload

from .leads import CustomerFields


class FilingEntryForm(CustomerFields):
    """One customer on a daily filing; also validates each imported row. The customer's fields
    are intake's, with the community required and the notes one line."""

    field_order = ["customer_name", "phone"]  # then the rest as CustomerFields declares them
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].required = True  # a filing names where the customer lives
        self.fields["phone"].help_text = ""
        self.helper = FormHelper()
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.layout = Layout(
            *(Div(name, css_class="col-md-3") for name in self.fields),
            Div(Submit("add", _("Add to the filing")), css_class="col-md-3"),
        )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.add_input(Submit("import", _("Import"), css_class="btn-secondary"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)  # byte and row limits, before the file is parsed
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
