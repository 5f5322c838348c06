"""Forms of the document register (FD-8)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Direction, DocumentCategory
from .common import DATE, active_staff, filter_helper


class DocumentForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=DocumentCategory.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    document_date = forms.DateField(
        label=_("Date received or sent"), widget=DATE, initial=timezone.localdate
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    sender = forms.CharField(label=_("From"), max_length=100)
    recipient = forms.CharField(label=_("To"), max_length=100)
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)
    filing_location = forms.CharField(
        label=_("Filed at"), max_length=100, help_text=_("Cabinet, folder or box of the paper.")
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = active_staff()
        if editing:
            del self.fields["category"]  # the number carries it
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "document-form"}
        first = [Div(Field("category", data_testid="document-category"), css_class="col-md-3")]
        self.helper.layout = Layout(
            Div(
                *([] if editing else first),
                Div("direction", css_class="col-md-3"),
                Div("document_date", css_class="col-md-3"),
                css_class="row",
            ),
            Field("title", data_testid="document-title"),
            Div(
                Div("sender", css_class="col-md-4"),
                Div("recipient", css_class="col-md-4"),
                Div("handler", css_class="col-md-4"),
                css_class="row",
            ),
            "filing_location",
            "summary",
            Submit("save", _("Save"), data_testid="document-save"),
        )


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Number or text"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *DocumentCategory.choices]
    )
    direction = forms.ChoiceField(
        label=_("Direction"), required=False, choices=[("", _("All")), *Direction.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = filter_helper()
