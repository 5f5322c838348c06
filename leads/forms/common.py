"""What the leads forms share: the date input, the lead-date bounds, a fast select and the staff
choices."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from staff.models import Role, Staff

from ..rules.dates import check_date

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


def phone_check_attrs(testid: str, **extra: str) -> dict:
    """A customer's phone input that asks the server about the number as it is typed, so a
    known customer shows up before the form is sent (LEAD-2)."""
    return {
        "autofocus": True,
        "inputmode": "tel",
        **extra,
        "data-testid": testid,
        "hx-get": reverse_lazy("leads:phone_check"),
        "hx-trigger": "input changed delay:300ms, change",
        "hx-target": "#phone-check",
    }
