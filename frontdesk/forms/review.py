"""FD-10: the agent's daily self-review form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from staff.models import Staff


class DailyReviewForm(forms.Form):
    text = forms.CharField(
        label=_("How the day went"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan = forms.CharField(
        label=_("Plan for improvement"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    benchmark = forms.ModelChoiceField(
        label=_("Benchmark colleague"), queryset=Staff.objects.none(), required=False
    )

    def __init__(self, *args, colleagues: list[Staff], agent: Staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["benchmark"]
        field.queryset = Staff.objects.filter(pk__in=[c.pk for c in colleagues]).exclude(
            pk=agent.pk
        )
        # The choices from the rows already read (no query per render).
        field.choices = [("", "---------")] + [
            (c.pk, c.get_full_name()) for c in colleagues if c.pk != agent.pk
        ]
