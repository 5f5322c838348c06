"""The lead list's filters as a django-filter FilterSet (issue 15, the shared list pattern).

The form stays `LeadFilterForm` (its hand-written HTML keeps the page's template count fixed);
the FilterSet holds what each field does to the queryset. Every filter is answered by an index on
Lead (see `queries.leads.lead_list` and the volume plan test).
"""

import django_filters
from django.db.models import QuerySet

from .forms import LeadFilterForm
from .models import Lead
from .queries import leads as queries
from .queries.access import sees_all_leads


class LeadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    channel = django_filters.CharFilter(field_name="channel")
    state = django_filters.CharFilter(field_name="state")
    size_class = django_filters.CharFilter(field_name="size_class")
    owner = django_filters.CharFilter(method="by_owner")
    community = django_filters.CharFilter(method="in_community")
    date_from = django_filters.DateFilter(field_name="consultation_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="consultation_date", lookup_expr="lte")

    class Meta:
        model = Lead
        fields: list[str] = []

    @property
    def form(self) -> LeadFilterForm:
        """The list's own form, with the owner filter only for those who see every lead."""
        if not hasattr(self, "_form"):
            show_owner = sees_all_leads(self.request.user)
            owners = queries.owner_choices() if show_owner else ()
            data = self.data if self.is_bound else None
            self._form = LeadFilterForm(data, owners=owners, show_owner=show_owner)
        return self._form

    @property
    def qs(self) -> QuerySet[Lead]:
        """An invalid form (a date typed wrong) filters nothing, as before."""
        if self.is_bound and not self.is_valid():
            return self.queryset.all()
        return super().qs

    def search(self, queryset: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        text = value.strip()
        return queryset.filter(queries.search_filter(text)) if text else queryset

    def by_owner(self, queryset: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        if value == "company":
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def in_community(self, queryset: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        text = value.strip()
        return queryset.filter(community=text) if text else queryset
