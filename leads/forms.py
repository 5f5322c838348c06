"""Forms of the leads pages: they check the shape of input; services decide the rest."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from staff.imports import check_upload
from staff.models import Role, Staff
from staff.phones import InvalidPhone, normalize_phone

from .models import Channel, Lead, LeadState, SizeClass
from .queries.slips import SlipStatus
from .rules.dates import check_date
from .services.referrals import referrer_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BoundedDates:
    """Form mixin: each lead date field present must fall in its window (leads.rules.dates).
    A value left as it was (a lead edited years later) is not judged again."""

    BOUNDED_DATES = (
        "consultation_date",
        "planned_decoration_date",
        "measured_on",
        "signed_on",
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in self.BOUNDED_DATES:
            value = data.get(name) if name in self.changed_data else None
            message = check_date(name, value, today) if value else None
            if message:
                self.add_error(name, message)
        return data


class Select(forms.Select):
    """Django's Select, its options written in Python instead of two templates per option (a
    list of 200 staff took ~17 ms to render, now ~1 ms). The same HTML, byte for byte
    (tests/leads/test_lead_list_render.py); named Select so crispy gives it the same classes."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: `True` a bare name, `False` left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def active_staff():
    return Staff.objects.filter(is_active=True).order_by("name")


def designers():
    return active_staff().filter(groups__name=Role.DESIGNER).distinct()


def choices_from(field: forms.ModelChoiceField, people) -> None:
    """Give a staff field the choices its queryset would render, from rows already read; the
    queryset still validates a submission."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(person.pk, field.label_from_instance(person)) for person in people]


def blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class CustomerFields(BoundedDates, forms.Form):
    """The customer's details (LEAD-1), shared by intake, the salesperson's slip and filings."""

    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("Mobile (11 digits) or landline with area code."),
    )
    customer_name = forms.CharField(label=_("Customer name"), max_length=50)
    community = forms.CharField(label=_("Community"), max_length=100, required=False)
    building = forms.CharField(label=_("Building / unit / room"), max_length=100, required=False)
    area_m2 = forms.DecimalField(
        label=_("House area (m²)"), min_value=0.01, max_digits=8, decimal_places=2, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (CNY)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    planned_decoration_date = forms.DateField(
        label=_("Planned decoration date"), required=False, widget=DATE
    )
    consultation_date = forms.DateField(
        label=_("Consultation date"), widget=DATE, initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntakeForm(CustomerFields):
    """The front desk's form (LEAD-1): phone first, channel required, one screen."""

    channel = forms.ChoiceField(label=_("Channel"), choices=blank("---------") + Channel.choices)
    in_person = forms.BooleanField(
        label=_("The customer is here in person"), required=False, initial=True
    )
    brought_by = forms.ModelChoiceField(
        label=_("Brought by (staff)"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("The colleague who brought this customer, if any."),
    )
    named_by_customer = forms.ModelChoiceField(
        label=_("The customer says they were sent by"),
        queryset=Staff.objects.none(),
        required=False,
    )
    referrer_phone = forms.CharField(
        label=_("Referred by (the former customer's phone)"),
        max_length=40,
        required=False,
        help_text=_("The former customer who sent them, found by their phone number."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["brought_by"].queryset = active_staff()
        self.fields["named_by_customer"].queryset = active_staff()
        self.fields["referrer_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "off", "data-testid": "intake-referrer"}
        )
        # Shown for the referral channel only (static/js/intake.js toggles it as the channel
        # changes; the server decides the first render so it also works without JS).
        referral = self.data.get("channel") == Channel.REFERRAL
        referrer_css = "row" if referral else "row d-none"
        self.fields["phone"].widget.attrs.update(
            {
                "autofocus": True,
                "inputmode": "tel",
                "autocomplete": "off",
                "data-testid": "intake-phone",
                "hx-get": reverse_lazy("leads:phone_check"),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#phone-check",
            }
        )
        self.helper = FormHelper()
        self.helper.form_id = "intake-form"
        self.helper.attrs = {"data-testid": "intake-form"}
        self.helper.layout = Layout(
            Div(
                Div(Field("phone"), css_class="col-md-4"),
                Div(HTML('<div id="phone-check" aria-live="polite"></div>'), css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                Div("customer_name", css_class="col-md-4"),
                Div(Field("channel", data_testid="intake-channel"), css_class="col-md-4"),
                Div("in_person", css_class="col-md-4 pt-md-4"),
                css_class="row",
            ),
            Div(
                Div("community", css_class="col-md-4"),
                Div("building", css_class="col-md-4"),
                Div("area_m2", css_class="col-md-2"),
                Div("budget", css_class="col-md-2"),
                css_class="row",
            ),
            Div(
                Div("planned_decoration_date", css_class="col-md-3"),
                Div("consultation_date", css_class="col-md-3"),
                Div("brought_by", css_class="col-md-3"),
                Div("named_by_customer", css_class="col-md-3"),
                css_class="row",
            ),
            Div(
                Div("referrer_phone", css_class="col-md-4"),
                css_class=referrer_css,
                css_id="referrer-field",
            ),
            "notes",
            Submit("save", _("Register"), css_class="btn-primary", data_testid="intake-submit"),
        )

    def clean(self):
        data = super().clean()
        raw = (data.get("referrer_phone") or "").strip()
        if data.get("channel") != Channel.REFERRAL or not raw:
            data["referrer_phone"] = ""  # only a referral lead names a referrer (CARE-5)
            return data
        try:
            phone = normalize_phone(raw)
        except InvalidPhone as exc:
            self.add_error("referrer_phone", exc.message)
            return data
        if referrer_for(phone) is None:
            self.add_error(
                "referrer_phone", _("No customer with this phone number; check the number.")
            )
        data["referrer_phone"] = phone
        return data


class RecordVisitForm(forms.Form):
    named_by_customer = forms.ModelChoiceField(
        label=_("The customer says they were sent by"),
        queryset=Staff.objects.none(),
        required=False,
        widget=Select(attrs={"class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_by_customer"].queryset = active_staff()
        if people is not None:
            choices_from(self.fields["named_by_customer"], people)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "named_by_customer",
            "note",
            Submit("visit", _("Record this visit"), data_testid="record-visit"),
        )


class LeadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=blank(_("All")) + Channel.choices,
        widget=Select,
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=blank(_("All")) + LeadState.choices, widget=Select
    )
    size_class = forms.ChoiceField(
        label=_("Size class"),
        required=False,
        choices=blank(_("All")) + SizeClass.choices,
        widget=Select,
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=Select)
    community = forms.CharField(label=_("Community"), required=False)
    date_from = forms.DateField(label=_("Consulted from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Consulted to"), required=False, widget=DATE)

    def __init__(self, *args, owners=(), show_owner: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = (
            blank(_("All"))
            + [("company", _("Company"))]
            + [(str(person.pk), person.get_full_name()) for person in owners]
        )
        self.fields["q"].widget.attrs["placeholder"] = _("Name, phone or address")
        self.fields["community"].widget.attrs["list"] = "communities"
        fields = ["q", "channel", "state", "size_class", "community", "date_from", "date_to"]
        if show_owner:
            fields.insert(4, "owner")
        else:
            del self.fields["owner"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(*fields, Submit("", _("Filter"), css_class="btn-secondary"))


class LeadEditForm(BoundedDates, forms.ModelForm):
    class Meta:
        model = Lead
        fields = [
            "customer_name",
            "community",
            "building",
            "area_m2",
            "budget",
            "planned_decoration_date",
            "notes",
        ]
        widgets = {"planned_decoration_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        # The same field has the same label on intake and edit (UI.md, issue 15).
        labels = {name: CustomerFields.base_fields[name].label for name in fields}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class RulingForm(forms.Form):
    """ATTR-5: the owner against the ranking, with the reason in writing."""

    winner = forms.ChoiceField(label=_("Owner"), widget=Select)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, claims=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["winner"].choices = [("company", _("The company (natural walk-in)"))] + [
            (str(claim.pk), f"{claim} · {claim.recorded_at:%Y-%m-%d %H:%M}") for claim in claims
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("winner", data_testid="ruling-winner"),
            Field("reason", data_testid="ruling-reason"),
        )

    def claim_id(self) -> int | None:
        winner = self.cleaned_data["winner"]
        return None if winner == "company" else int(winner)


class PrivateContactForm(forms.Form):
    designer = forms.ModelChoiceField(
        label=_("Designer"), queryset=Staff.objects.none(), widget=Select
    )
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designer"].queryset = designers()
        if people is not None:  # the active designers, by name
            choices_from(self.fields["designer"], people)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SlipForm(forms.Form):
    """The slip's own fields (SLIP-1); the designer is filled only at dispatch."""

    customer_intent = forms.CharField(
        label=_("Customer's wishes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Style, rooms, timing and anything the designer should know."),
    )
    preferred_designer = forms.ModelChoiceField(
        label=_("Preferred designer"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("Honoured at dispatch when the designer is eligible and under the caps."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_designer"].queryset = designers()
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Fill the slip"), data_testid="slip-submit"))


class MarketingLeadForm(CustomerFields, SlipForm):
    """A salesperson's new customer and its slip, in one form."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(
            {
                "autofocus": True,
                "inputmode": "tel",
                "data-testid": "slip-phone",
                "hx-get": reverse_lazy("leads:phone_check"),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#phone-check",
            }
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(
                Div(Field("phone"), css_class="col-md-4"),
                Div(HTML('<div id="phone-check" aria-live="polite"></div>'), css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                Div(Field("customer_name", data_testid="slip-name"), css_class="col-md-4"),
                Div("community", css_class="col-md-4"),
                Div("building", css_class="col-md-4"),
                css_class="row",
            ),
            Div(
                Div("area_m2", css_class="col-md-3"),
                Div("budget", css_class="col-md-3"),
                Div("planned_decoration_date", css_class="col-md-3"),
                Div("consultation_date", css_class="col-md-3"),
                css_class="row",
            ),
            "customer_intent",
            "preferred_designer",
            "notes",
            Submit("save", _("Fill the slip"), data_testid="slip-submit"),
        )


class SlipFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (SlipStatus.AWAITING_MARKETING, _("Awaiting the marketing manager")),
            (SlipStatus.AWAITING_STORE, _("Awaiting the store manager")),
            (SlipStatus.SIGNED, _("Signed, not yet dispatched")),
            (SlipStatus.DISPATCHED, _("Dispatched")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout("status", Submit("", _("Filter"), css_class="btn-secondary"))


class HrSlipFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Dispatched from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Dispatched to"), required=False, widget=DATE)
    salesperson = forms.ChoiceField(label=_("Salesperson"), required=False)

    def __init__(self, *args, salespeople=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["salesperson"].choices = blank(_("All")) + [
            (str(p.pk), p.get_full_name()) for p in salespeople
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end"
        self.helper.layout = Layout(
            "date_from",
            "date_to",
            "salesperson",
            Submit("", _("Filter"), css_class="btn-secondary"),
        )


class FilingEntryForm(BoundedDates, forms.Form):
    """One customer on a daily filing; also validates each imported row."""

    customer_name = forms.CharField(label=_("Customer name"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=40)
    community = forms.CharField(label=_("Community"), max_length=100)
    building = forms.CharField(label=_("Building / unit / room"), max_length=100, required=False)
    area_m2 = forms.DecimalField(
        label=_("House area (m²)"), min_value=0.01, max_digits=8, decimal_places=2, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (CNY)"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    planned_decoration_date = forms.DateField(
        label=_("Planned decoration date"), required=False, widget=DATE
    )
    consultation_date = forms.DateField(
        label=_("Consultation date"), widget=DATE, initial=timezone.localdate
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
