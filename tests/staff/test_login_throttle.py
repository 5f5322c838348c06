"""SEC-8: after 5 failed logins for one username or from one address within 15 minutes, further
attempts are refused for 15 minutes on both login pages; attempts are logged; the admin unlocks.

Axes runs as configured for production (database handler); these tests post to the real login
pages. Messages are checked in English (language cookie), except the one Chinese-default test.
"""

import datetime as dt
import io

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from staff.lockout import client_address
from tests.factories import TEST_PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
LOCKED_EN = "Too many failed log-in attempts"
LOCKED_ZH = "登录失败次数过多"
START = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def browser(address: str = "10.0.0.1", **headers) -> Client:
    """A client at one address, reading English."""
    client = Client(REMOTE_ADDR=address, **headers)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def attempt(client: Client, username: str, password: str, url: str = LOGIN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(times: int, username: str, url: str = LOGIN, addresses=None) -> list[int]:
    """`times` wrong passwords for `username` (each from its own address, if given): the statuses.
    The failure that reaches the limit already answers with the lockout page."""
    statuses = []
    for n in range(times):
        client = browser(addresses[n] if addresses else "10.0.0.1")
        statuses.append(attempt(client, username, "wrong-password", url).status_code)
        assert not signed_in(client)
    return statuses


@pytest.fixture
def person(db):
    return StaffFactory(username="wangwu")


@pytest.fixture
def superuser(db):
    return StaffFactory(username="root", is_staff=True, is_superuser=True)


def test_sec8_five_failures_for_one_username_lock_it_even_with_the_right_password(person):
    # Five different computers, so only the username can be what is locked.
    statuses = fail(5, "wangwu", addresses=[f"10.0.1.{n}" for n in range(5)])
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure is told of the lockout
    client = browser("10.0.2.1")
    response = attempt(client, "wangwu", TEST_PASSWORD)
    assert response.status_code == 429
    assert LOCKED_EN in response.content.decode()
    assert 'name="password"' in response.content.decode()  # the login page, not a bare text
    assert not signed_in(client)


def test_sec8_four_failures_do_not_lock(person):
    fail(4, "wangwu")
    client = browser()
    response = attempt(client, "wangwu", TEST_PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_sec8_five_failures_from_one_address_lock_the_address(person):
    statuses = [attempt(browser("10.0.3.7"), f"nobody{n}", "guess").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    same_computer = browser("10.0.3.7")
    response = attempt(same_computer, "wangwu", TEST_PASSWORD)
    assert response.status_code == 429
    assert LOCKED_EN in response.content.decode()
    assert not signed_in(same_computer)
    # The person is not locked: from another computer they get in.
    other_computer = browser("10.0.3.8")
    assert attempt(other_computer, "wangwu", TEST_PASSWORD).status_code == 302
    assert signed_in(other_computer)


def test_sec8_lockout_ends_after_15_minutes(person):
    with time_machine.travel(START, tick=False) as traveller:
        fail(5, "wangwu")
        traveller.shift(dt.timedelta(minutes=10))
        assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 429
        # That refused attempt was recorded as well, so the 15 minutes run from it.
        traveller.shift(dt.timedelta(minutes=15, seconds=1))
        client = browser()
        response = attempt(client, "wangwu", TEST_PASSWORD)
        assert response.status_code == 302
        assert signed_in(client)


def test_sec8_failures_are_counted_within_15_minutes_only(person):
    with time_machine.travel(START, tick=False) as traveller:
        fail(4, "wangwu")
        traveller.shift(dt.timedelta(minutes=15, seconds=1))
        fail(1, "wangwu")
        assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 302


def test_sec8_admin_deleting_the_attempt_unlocks_at_once(person, superuser, login):
    fail(5, "wangwu")
    assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 429

    admin = login(superuser)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = admin.get(changelist)
    assert page.status_code == 200
    assert "wangwu" in page.content.decode()
    ids = [
        str(pk)
        for pk in AccessAttempt.objects.filter(username="wangwu").values_list("pk", flat=True)
    ]
    response = admin.post(
        changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="wangwu").exists()

    client = browser()
    assert attempt(client, "wangwu", TEST_PASSWORD).status_code == 302
    assert signed_in(client)


def test_sec8_axes_reset_command_unlocks(person):
    fail(5, "wangwu")
    assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 302


def test_sec8_admin_login_page_is_throttled_too(superuser):
    fail(5, "root", url=ADMIN_LOGIN, addresses=[f"10.0.4.{n}" for n in range(5)])
    client = browser("10.0.5.1")
    response = attempt(client, "root", TEST_PASSWORD, ADMIN_LOGIN)
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED_EN in body
    assert 'class="errornote"' in body  # the admin's own login page
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_sec8_failures_on_either_page_count_together(superuser):
    fail(3, "root", url=LOGIN)
    fail(2, "root", url=ADMIN_LOGIN)
    assert attempt(browser("10.0.6.1"), "root", TEST_PASSWORD, ADMIN_LOGIN).status_code == 429
    assert attempt(browser("10.0.6.2"), "root", TEST_PASSWORD, LOGIN).status_code == 429


def test_sec8_a_correct_login_resets_the_count(person):
    fail(4, "wangwu")
    assert attempt(browser(), "wangwu", TEST_PASSWORD).status_code == 302
    fail(4, "wangwu")
    client = browser()
    assert attempt(client, "wangwu", TEST_PASSWORD).status_code == 302
    assert signed_in(client)


def test_sec8_someone_elses_login_does_not_clear_failures_against_a_username(person):
    StaffFactory(username="insider")
    fail(4, "wangwu", addresses=["10.0.7.1"] * 4)
    # An insider logs in as themselves from the same computer: the four failures stay.
    assert attempt(browser("10.0.7.1"), "insider", TEST_PASSWORD).status_code == 302
    fail(1, "wangwu", addresses=["10.0.7.1"])
    assert attempt(browser("10.0.7.2"), "wangwu", TEST_PASSWORD).status_code == 429


def test_sec8_attempts_are_logged(person):
    fail(5, "wangwu")
    attempt(browser(), "wangwu", TEST_PASSWORD)
    failures = AccessFailureLog.objects.filter(username="wangwu").order_by("attempt_time", "pk")
    assert failures.count() == 6
    assert [f.locked_out for f in failures] == [False] * 4 + [True] * 2
    assert all(f.ip_address == "10.0.0.1" and f.path_info == LOGIN for f in failures)
    stored = AccessAttempt.objects.get(username="wangwu")
    assert stored.failures_since_start == 6
    assert TEST_PASSWORD not in stored.post_data  # passwords are never stored


def test_sec8_lockout_message_is_chinese_by_default(person):
    """Needs the zh-hans translation from .pending-po/axes.po merged into locale/."""
    fail(5, "wangwu")
    client = Client(REMOTE_ADDR="10.0.0.1")  # no language cookie: the firm's Chinese
    response = attempt(client, "wangwu", TEST_PASSWORD)
    assert response.status_code == 429
    assert LOCKED_ZH in response.content.decode()


def test_sec8_forwarded_for_is_ignored_unless_proxies_are_configured(person, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for n in range(5):
        forged = browser("10.0.8.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        attempt(forged, f"nobody{n}", "guess")
    # Forging a new X-Forwarded-For does not escape the lock on the real address.
    forged = browser("10.0.8.1", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert attempt(forged, "wangwu", TEST_PASSWORD).status_code == 429


def test_sec8_behind_a_trusted_proxy_each_client_address_counts(person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.9.1"
    for n in range(5):
        client = browser(proxy, HTTP_X_FORWARDED_FOR=f"forged, 172.16.0.{n}")
        assert attempt(client, f"nobody{n}", "guess").status_code == 200
    # Every client came through the same proxy, yet none of them reached 5 failures.
    client = browser(proxy, HTTP_X_FORWARDED_FOR="172.16.0.0")
    assert attempt(client, "wangwu", TEST_PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(ip_address=proxy).count() == 0


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("10.0.0.1", "1.2.3.4", 0, "10.0.0.1"),  # default: the header is not read
        ("10.0.0.1", "6.6.6.6, 1.2.3.4", 1, "1.2.3.4"),  # one proxy: its appended entry
        ("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.5", 2, "1.2.3.4"),
        ("10.0.0.1", "", 1, "10.0.0.1"),  # header missing: the peer address
        ("10.0.0.1", "1.2.3.4", 2, "10.0.0.1"),  # fewer hops than proxies
        ("10.0.0.1", "not-an-address", 1, "10.0.0.1"),
    ],
)
def test_sec8_client_address_trusts_only_the_configured_proxies(
    remote, forwarded, proxies, expected
):
    assert client_address(remote, forwarded, proxies) == expected
