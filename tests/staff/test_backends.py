"""staff.backends.StaffBackend: ModelBackend's permission rules (SEC-1), read in fewer queries.

Every page checks the signed-in user's permissions and reads their roles for the menu; the
backend loads both in one query and the unread-notification count with the user."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from staff.backends import StaffBackend
from staff.models import Role, Staff
from staff.services import notify
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def fresh(user) -> Staff:
    return Staff.objects.get(pk=user.pk)


def test_sec1_group_and_direct_permissions_and_roles_in_one_query(django_assert_num_queries):
    person = StaffFactory(roles=[Role.HR, Role.FRONT_DESK])
    Group.objects.create(name="NO_PERMISSIONS").user_set.add(person)
    person.user_permissions.add(Permission.objects.get(codename="force_dispatch"))
    person = fresh(person)

    with django_assert_num_queries(1):
        assert person.has_perm("dispatch.force_dispatch")  # direct
        assert person.has_perm("frontdesk.add_receptionentry")  # through FRONT_DESK
        assert not person.has_perm("dispatch.configure_dispatch")
        assert person.role_codes == {Role.HR, Role.FRONT_DESK, "NO_PERMISSIONS"}
        assert person.has_module_perms("dispatch")


def test_sec1_same_permissions_as_django_model_backend():
    from django.contrib.auth.backends import ModelBackend

    person = StaffFactory(roles=[Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER])
    person.user_permissions.add(Permission.objects.get(codename="view_staff"))
    expected = ModelBackend().get_all_permissions(fresh(person))
    assert StaffBackend().get_all_permissions(fresh(person)) == expected
    assert len(expected) > 10


def test_sec1_inactive_user_has_no_permissions_and_superuser_has_all():
    inactive = fresh(StaffFactory(roles=[Role.GM], is_active=False))
    assert StaffBackend().get_all_permissions(inactive) == set()
    admin = fresh(StaffFactory(is_superuser=True))
    assert len(StaffBackend().get_all_permissions(admin)) == Permission.objects.count()
    assert StaffBackend().get_user(inactive.pk) is None


def test_signed_in_user_comes_with_the_unread_count(django_assert_num_queries):
    person = StaffFactory()
    notify(recipient=person, text="一")
    notify(recipient=person, text="二")
    notify(recipient=StaffFactory(), text="别人的")
    with django_assert_num_queries(1):
        user = StaffBackend().get_user(person.pk)
    assert user.unread_notifications == 2


def test_menu_bell_shows_the_unread_count(login):
    person = StaffFactory(roles=[Role.FRONT_DESK])
    notify(recipient=person, text="一")
    response = login(person).get(reverse("home"))
    assert response.context["unread_notifications"] == 1
