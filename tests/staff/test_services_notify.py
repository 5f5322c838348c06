import pytest
from django.core import mail

from staff import services
from staff.models import Notification


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
    services.notify(recipient=designer, text="新派单: 阳光小区", link="/leads/1/")
    assert [m.to for m in mail.outbox] == [[designer.email]]
    assert "阳光小区" in mail.outbox[0].subject


@pytest.mark.django_db
def test_notify_sends_no_email_when_not_configured(settings, designer):
    settings.NOTIFY_BY_EMAIL = False
    services.notify(recipient=designer, text="x")
    assert mail.outbox == []


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
