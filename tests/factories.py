"""Shared factories. Each app's own factories live in tests/<app>/factories.py."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from staff.models import Department, Staff

TEST_PASSWORD = "test-pass-123"  # noqa: S105


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    employee_no = factory.Sequence(lambda n: f"T{n:04d}")
    name = factory.Sequence(lambda n: f"员工{n}")
    department = Department.CUSTOMER_SERVICE
    base_salary = Decimal(3000)
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """StaffFactory(roles=["DESIGNER"]) puts the person in those role groups."""
        if create and extracted:
            self.groups.set([Group.objects.get(name=str(code)) for code in extracted])
