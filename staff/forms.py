from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department, Role


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    department = forms.ChoiceField(
        label=_("Department"), required=False, choices=[("", _("All"))] + Department.choices
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All"))] + Role.choices
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            Field("q", placeholder=_("Name or employee number")),
            "department",
            "role",
            Submit("", _("Filter"), css_class="btn-secondary"),
        )
