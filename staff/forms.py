from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department, Role, Staff


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


# ISO format: what <input type="date"> expects whatever the language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DelegationForm(forms.Form):
    """工作联络单: who signs for the manager, and for which days (SLIP-4)."""

    principal = forms.ModelChoiceField(label=_("Manager away"), queryset=Staff.objects.none())
    delegate = forms.ModelChoiceField(label=_("Delegate"), queryset=Staff.objects.none())
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To (inclusive)"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, principals=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = Staff.objects.filter(is_active=True).order_by("name")
        self.fields["delegate"].queryset = active
        if principals is None:
            del self.fields["principal"]
        else:
            self.fields["principal"].queryset = principals
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Name the delegate"), data_testid="delegation-save"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The delegation period ends before it starts."))
        return data
