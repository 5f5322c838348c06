import logging
import smtplib
import socket
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from staff import emails, services
from staff.models import EmailStatus, Notification
from staff.tasks import send_notification_email, send_pending_notification_emails

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens: every connect is refused at once


@pytest.fixture
def email_on(settings):
    settings.NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@contextmanager
def broker_at(url: str):
    """A real publish to `url` (not eager), restored afterwards.

    The Celery app read its settings at import and caches its connection pools, so the test swaps
    the URL on the app itself and drops the pools both ways."""
    from config.celery import app

    previous = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url: str, eager: bool) -> None:
        app.conf.broker_url, app.conf.task_always_eager = url, eager
        app._pool = None
        app.amqp._producer_pool = None

    use(url, False)
    try:
        yield app
    finally:
        use(*previous)


@pytest.fixture
def dead_broker():
    with broker_at(CLOSED_PORT) as app:
        yield app


@pytest.fixture
def unanswering_broker():
    """A broker host that never answers a connect (a firewall drops it), the slow kind of outage.

    A socket that listens with a full backlog and never accepts: Linux drops further SYNs, so a
    connect waits until the client's own timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = [socket.socket() for _ in range(3)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
    with broker_at(f"redis://127.0.0.1:{port}/0") as app:
        yield app
    for sock in [*fillers, server]:
        sock.close()


def later(minutes: int = 2):
    """The periodic job's view of the clock: past the grace it gives the on-commit send."""
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


@pytest.mark.django_db
def test_notify_creates_unread_notification_and_bell_counts_it(login, designer):
    services.notify(recipient=designer, text="新派单", link="/leads/")
    response = login(designer).get("/")
    assert response.context["unread_notifications"] == 1
    assert "新派单" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_notify_sends_email_when_configured(settings, eager_celery, designer):
    settings.NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    note = services.notify(recipient=designer, text="新派单: 阳光小区", link="/leads/1/")
    assert [m.to for m in mail.outbox] == [[designer.email]]
    assert "阳光小区" in mail.outbox[0].subject
    note.refresh_from_db()
    assert (note.email_status, note.emailed_at is not None) == (EmailStatus.SENT, True)


@pytest.mark.django_db
def test_notify_sends_no_email_when_not_configured(settings, designer):
    settings.NOTIFY_BY_EMAIL = False
    note = services.notify(recipient=designer, text="x")
    assert mail.outbox == []
    assert note.email_status == EmailStatus.NONE


@pytest.mark.django_db
def test_only_the_recipient_marks_read(designer, front_desk):
    note = services.notify(recipient=designer, text="x")
    with pytest.raises(PermissionError):
        services.mark_read(notification=note, by=front_desk)
    services.mark_read(notification=note, by=designer)
    note.refresh_from_db()
    assert note.is_read is True


@pytest.mark.django_db
def test_reading_a_notification_opens_its_link(login, designer, front_desk):
    note = services.notify(recipient=designer, text="x", link="/leads/")
    assert login(front_desk).post(f"/notifications/{note.pk}/read/").status_code == 404
    response = login(designer).post(f"/notifications/{note.pk}/read/")
    assert response["Location"] == "/leads/"
    assert Notification.objects.get(pk=note.pk).is_read is True


@pytest.mark.django_db
def test_mark_all_read(login, designer):
    for n in range(3):
        services.notify(recipient=designer, text=f"n{n}")
    login(designer).post("/notifications/read-all/")
    assert Notification.objects.filter(recipient=designer, read_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_mark_read_refuses_get(login, designer):
    note = services.notify(recipient=designer, text="x")
    assert login(designer).get(f"/notifications/{note.pk}/read/").status_code == 405


# ---------------------------------------------------------------- SEC-9: the e-mail outbox


@pytest.mark.django_db
def test_sec9_enqueue_failure_is_logged_and_does_not_raise(
    email_on, dead_broker, designer, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.ERROR, logger="staff.outbox"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        note = services.notify(recipient=designer, text="新派单", link="/leads/")
    assert len(callbacks) == 1  # the publish was attempted after the commit, and refused
    assert "send_notification_email" in caplog.text
    assert caplog.records[0].exc_info is not None  # the broker's error is in the log
    note.refresh_from_db()
    assert (note.email_status, note.email_attempts) == (EmailStatus.PENDING, 0)
    assert mail.outbox == []


def test_sec9_publish_to_an_unanswering_broker_gives_up_within_seconds(unanswering_broker):
    """The publish retry policy and connect timeout in settings bound the request's wait (without
    them this publish waits for minutes); the thread keeps a broken setting from hanging the run."""
    from staff.outbox import enqueue
    from staff.tasks import ping

    outcome = []
    started = time.monotonic()
    publisher = threading.Thread(target=lambda: outcome.append(enqueue(ping)), daemon=True)
    publisher.start()
    publisher.join(timeout=10)
    assert outcome == [False], "the publish was still waiting after 10 s"
    assert time.monotonic() - started < 6


@pytest.mark.django_db
def test_sec9_email_is_recorded_pending_before_it_is_queued(
    email_on, designer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        note = services.notify(recipient=designer, text="x")
        assert Notification.objects.get(pk=note.pk).email_status == EmailStatus.PENDING


@pytest.mark.django_db
def test_sec9_no_email_is_recorded_for_a_recipient_without_address(email_on, designer):
    designer.email = ""
    designer.save(update_fields=["email"])
    assert services.notify(recipient=designer, text="x").email_status == EmailStatus.NONE


def _pending(recipient, count: int = 1) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=recipient, text=f"待发 {n}", email_status=EmailStatus.PENDING
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_sec9_periodic_job_sends_unsent_rows_once(email_on, eager_celery, designer, gm):
    unsent = _pending(designer, 2) + _pending(gm)
    with later():
        send_pending_notification_emails.delay()
        send_pending_notification_emails.delay()  # a second (late or double) run sends nothing
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [designer.email, designer.email, gm.email]
    )
    for note in unsent:
        note.refresh_from_db()
        assert (note.email_status, note.emailed_at is not None) == (EmailStatus.SENT, True)


@pytest.mark.django_db
def test_sec9_periodic_job_works_in_batches(email_on, designer):
    _pending(designer, 5)
    with later():
        assert emails.send_pending(now=timezone.now(), batch_size=2) == 5
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_sec9_periodic_job_leaves_fresh_rows_to_the_on_commit_send(email_on, designer):
    _pending(designer)
    assert emails.send_pending(now=timezone.now()) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sec9_periodic_job_skips_rows_not_meant_for_email(email_on, designer):
    Notification.objects.create(recipient=designer, text="in-app only")
    with later():
        assert emails.send_pending(now=timezone.now()) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sec9_task_run_twice_sends_once(email_on, eager_celery, designer):
    [note] = _pending(designer)
    send_notification_email.delay(note.pk)
    send_notification_email.delay(note.pk)
    assert len(mail.outbox) == 1


def _smtp_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(emails, "send_mail", refuse)


@pytest.mark.django_db
def test_sec9_failing_send_records_the_attempt_and_stays_pending(
    email_on, eager_celery, designer, monkeypatch, caplog
):
    [note] = _pending(designer)
    _smtp_down(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="staff.emails"):
        send_notification_email.delay(note.pk)  # does not raise
    note.refresh_from_db()
    assert (note.email_status, note.email_attempts, note.emailed_at) == (
        EmailStatus.PENDING,
        1,
        None,
    )
    assert note.email_error == "SMTPServerDisconnected: mail server went away"
    assert "attempt 1 of 5" in caplog.text


@pytest.mark.django_db
def test_sec9_periodic_job_retries_a_failed_send(email_on, designer, monkeypatch):
    [note] = _pending(designer)
    _smtp_down(monkeypatch)
    emails.send_notification(note.pk)
    monkeypatch.undo()
    with later():
        assert emails.send_pending(now=timezone.now()) == 1
    note.refresh_from_db()
    assert (note.email_status, note.email_attempts, len(mail.outbox)) == (EmailStatus.SENT, 1, 1)


@pytest.mark.django_db
def test_sec9_gives_up_after_the_last_attempt_and_logs(email_on, designer, monkeypatch, caplog):
    [note] = _pending(designer)
    Notification.objects.filter(pk=note.pk).update(email_attempts=emails.MAX_ATTEMPTS - 1)
    _smtp_down(monkeypatch)
    with caplog.at_level(logging.ERROR, logger="staff.emails"):
        emails.send_notification(note.pk)
    note.refresh_from_db()
    assert (note.email_status, note.email_attempts) == (EmailStatus.FAILED, emails.MAX_ATTEMPTS)
    assert "giving up" in caplog.text
    monkeypatch.undo()
    with later():
        assert emails.send_pending(now=timezone.now()) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sec9_periodic_job_is_scheduled_every_five_minutes():
    from importlib import import_module

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    # The data migration's row (a transactional test earlier in the run may have flushed it).
    import_module("staff.migrations.0007_notification_email_schedule").create_schedule(apps, None)
    task = PeriodicTask.objects.get(task="staff.tasks.send_pending_notification_emails")
    assert (task.enabled, task.interval.every, task.interval.period) == (True, 5, "minutes")
