"""The integration API's rows: clients and their keys, the request log, the intake record that
makes retries safe, and the raw punches a time clock sent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from leads.models import Channel


class Scope(models.TextChoices):
    LEADS_WRITE = "leads:write", _("Send leads")
    LEADS_READ = "leads:read", _("Read the progress of its leads")
    CALLS_WRITE = "calls:write", _("Send hotline call records")
    CLOCK_WRITE = "clock:write", _("Send time-clock punches")


class IntegrationClient(models.Model):
    """A system that calls the API (the website, a lead platform, the phone system, a time
    clock). Its leads get its channel; it acts as its own system user (`system_user`), which
    cannot log in, so every lead, call and clock record names where it came from."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    channel = models.CharField(
        _("lead channel"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.ONLINE,
        help_text=_("The channel recorded on the leads this client sends."),
    )
    scopes = models.JSONField(
        _("scopes"),
        default=list,
        blank=True,
        help_text=_("What the client may do: leads:write, leads:read, calls:write, clock:write."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    allowed_ips = models.TextField(
        _("allowed IP addresses"),
        blank=True,
        help_text=_("One address or network (CIDR) per line; empty means any address."),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
    )
    system_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("system user"),
        on_delete=models.PROTECT,
        related_name="integration_client",
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("integration client")
        verbose_name_plural = _("integration clients")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requests_per_minute__gte=1), name="api_client_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def ip_networks(self) -> list[str]:
        return [line.strip() for line in self.allowed_ips.splitlines() if line.strip()]


class ClientAPIKeyManager(BaseAPIKeyManager):
    def get_usable_keys(self) -> models.QuerySet:
        # One query finds the key, its client and the client's system user.
        return super().get_usable_keys().select_related("client__system_user")


class ClientAPIKey(AbstractAPIKey):
    """A client's key: only its SHA-512 hash is stored; the key is shown once, when made."""

    client = models.ForeignKey(
        IntegrationClient,
        verbose_name=_("client"),
        on_delete=models.CASCADE,
        related_name="api_keys",
    )

    objects = ClientAPIKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")


class ApiRequestLog(models.Model):
    """One call to the API, answered or refused (the client is empty when no valid key came)."""

    client = models.ForeignKey(
        IntegrationClient,
        verbose_name=_("client"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request_logs",
    )
    endpoint = models.CharField(_("endpoint"), max_length=200)
    method = models.CharField(_("method"), max_length=10)
    status = models.PositiveSmallIntegerField(_("status"))
    record_count = models.PositiveIntegerField(_("records"), default=0)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    remote_addr = models.CharField(_("address"), max_length=45, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "-at"], name="api_log_client_at")]

    def __str__(self) -> str:
        return f"{self.method} {self.endpoint} {self.status}"


class IntakeRecord(models.Model):
    """The first answer to a lead a client sent, by its reference and/or Idempotency-Key.

    The unique constraints make a retry, even a concurrent one, find this row instead of
    registering the customer again; `lead` is how the client's reference finds its lead.
    """

    client = models.ForeignKey(
        IntegrationClient,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="intake_records",
    )
    reference = models.CharField(_("client's reference"), max_length=64, blank=True)
    idempotency_key = models.CharField(_("Idempotency-Key"), max_length=64, blank=True)
    lead = models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        related_name="api_intakes",
    )
    created_lead = models.BooleanField(_("created the lead"), default=False)
    response_status = models.PositiveSmallIntegerField(_("response status"), default=0)
    response_body = models.JSONField(_("response"), default=dict)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API lead intake")
        verbose_name_plural = _("API lead intakes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "reference"],
                condition=~Q(reference=""),
                name="api_intake_client_reference",
            ),
            models.UniqueConstraint(
                fields=["client", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="api_intake_client_idem_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} · {self.reference or self.idempotency_key}"


class ClockPunch(models.Model):
    """One punch a time clock sent; (person, time) identifies it, so a re-sent batch adds
    nothing. The day's ClockRecord is folded from the punches (api.rules.fold_punches)."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="clock_punches",
    )
    punched_at = models.DateTimeField(_("time"))
    device = models.CharField(_("device"), max_length=50, blank=True)
    client = models.ForeignKey(
        IntegrationClient,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="clock_punches",
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("time-clock punch")
        verbose_name_plural = _("time-clock punches")
        ordering = ["-punched_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "punched_at"], name="api_punch_staff_time"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.punched_at:%Y-%m-%d %H:%M:%S}"
