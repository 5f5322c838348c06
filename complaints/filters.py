"""The complaint register's filters as a django-filter FilterSet (issue 15, the shared list
pattern). The form stays `RegisterFilterForm`; each filter is answered by an index on Complaint
(the volume plan test checks)."""

from datetime import date, datetime, timedelta

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from . import queries
from .forms import RegisterFilterForm
from .models import Complaint
from .queries.register import _search_q


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    status = django_filters.CharFilter(field_name="status")
    category = django_filters.Filter(field_name="category")
    department = django_filters.CharFilter(field_name="responsible_department")
    overdue = django_filters.BooleanFilter(method="only_overdue")
    received_from = django_filters.DateFilter(method="received_since")
    received_to = django_filters.DateFilter(method="received_until")

    class Meta:
        model = Complaint
        fields: list[str] = []

    def __init__(self, *args, search_phone: bool, search_placeholder: str, now: datetime, **kw):
        super().__init__(*args, **kw)
        self.search_phone, self.placeholder, self.now = search_phone, search_placeholder, now

    @property
    def form(self) -> RegisterFilterForm:
        if not hasattr(self, "_form"):
            data = self.data if self.is_bound else None
            self._form = RegisterFilterForm(data, search_placeholder=self.placeholder)
        return self._form

    @property
    def qs(self) -> QuerySet[Complaint]:
        """An invalid form (dates the wrong way round) filters nothing, as before."""
        if self.is_bound and not self.is_valid():
            return self.queryset.all()
        return super().qs

    def search(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(_search_q(value, self.search_phone))

    def only_overdue(self, queryset, name: str, value: bool) -> QuerySet[Complaint]:
        if not value:
            return queryset
        return queryset.filter(queries.overdue_q(self.now, queries.step_deadlines()))

    def received_since(self, queryset, name: str, value: date) -> QuerySet[Complaint]:
        return queryset.filter(received_at__gte=_start_of(value))

    def received_until(self, queryset, name: str, value: date) -> QuerySet[Complaint]:
        return queryset.filter(received_at__lt=_start_of(value + timedelta(days=1)))
