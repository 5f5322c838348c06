"""The lead (客户来单) and its timeline: the core rows other apps point at."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import UpdatedAt

from ..rules.states import LeadState as RuleLeadState


class Channel(models.TextChoices):
    WALK_IN = "WALK_IN", _("Walk-in")
    PHONE = "PHONE", _("Phone call")
    MARKETING = "MARKETING", _("Marketing department")
    ENGINEERING = "ENGINEERING", _("Engineering department")
    REFERRAL = "REFERRAL", _("Referral by a former customer")
    ONLINE = "ONLINE", _("Online")
    SHOWROOM = "SHOWROOM", _("Showroom event")
    OTHER = "OTHER", _("Other")


class LeadState(models.TextChoices):
    NEW = RuleLeadState.NEW, _("New")
    DISPATCHED = RuleLeadState.DISPATCHED, _("Dispatched")
    MEASURED = RuleLeadState.MEASURED, _("Measured")
    SIGNED = RuleLeadState.SIGNED, _("Signed")
    INVALID = RuleLeadState.INVALID, _("Invalid")
    DEAD = RuleLeadState.DEAD, _("Dead")


# A lead in one of these states is "open": a second intake of the same customer attaches to it.
OPEN_STATES = (LeadState.NEW, LeadState.DISPATCHED, LeadState.MEASURED, LeadState.SIGNED)


class SizeClass(models.TextChoices):
    SMALL = "SMALL", _("Small (under 30,000)")
    MEDIUM = "MEDIUM", _("Medium (30,000–49,999)")
    LARGE = "LARGE", _("Large (50,000 and over)")


class Lead(UpdatedAt):
    """One customer's renovation enquiry; one open lead per phone and per address (LEAD-2)."""

    customer_name = models.CharField(_("customer name"), max_length=50)
    phone = models.CharField(
        _("phone"), max_length=24, help_text=_("Normalized: 13812345678 or 010-62345678")
    )
    community = models.CharField(_("community"), max_length=100, blank=True)
    building = models.CharField(_("building / unit / room"), max_length=100, blank=True)
    address_key = models.CharField(
        _("address key"), max_length=200, blank=True, editable=False, db_index=True
    )
    area_m2 = models.DecimalField(
        _("house area (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    budget = models.DecimalField(
        _("budget / expected contract value"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True, db_index=True
    )
    planned_decoration_date = models.DateField(_("planned decoration date"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, db_index=True)
    consultation_date = models.DateField(_("consultation date"))
    brought_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brought by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads_brought",
    )
    notes = models.TextField(_("notes"), blank=True)

    state = models.CharField(
        _("state"), max_length=12, choices=LeadState.choices, default=LeadState.NEW, db_index=True
    )
    state_before_closure = models.CharField(
        _("state before closure"), max_length=12, choices=LeadState.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Ownership (ATTR-1): decided from claims by a service; null means the company.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads_owned",
    )
    # The designer the lead is dispatched to (set by the dispatch service only).
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads_designed",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    # DISP-2: the customer manager confirmed the designer levels were introduced to the customer.
    levels_introduced = models.BooleanField(_("designer levels introduced"), default=False)
    first_visit_at = models.DateTimeField(_("first visit to the office"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="leads_registered",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("view_all_leads", _("Can see every lead, not only their own")),
            ("view_customer_phone", _("Can see customers' full phone numbers")),
            ("export_customer_data", _("Can export customer data")),
            ("rule_ownership", _("Can rule on ownership disputes")),
            ("dispatch_lead", _("Can dispatch leads")),
        ]
        constraints = [
            # LEAD-2 at the database level, so concurrent intakes cannot both create a lead.
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(state__in=OPEN_STATES),
                name="lead_one_open_per_phone",
            ),
            models.UniqueConstraint(
                fields=["address_key"],
                condition=Q(state__in=OPEN_STATES) & ~Q(address_key=""),
                name="lead_one_open_per_address",
            ),
            models.CheckConstraint(
                condition=Q(area_m2__isnull=True) | Q(area_m2__gt=0), name="lead_area_positive"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="lead_budget_not_negative"
            ),
        ]
        indexes = [
            # Lead list filters: state + date, owner, designer's own list, community search.
            models.Index(fields=["state", "-created_at"], name="lead_state_created"),
            models.Index(fields=["owner", "-created_at"], name="lead_owner_created"),
            models.Index(fields=["designer", "state"], name="lead_designer_state"),
            models.Index(fields=["community"], name="lead_community"),
            models.Index(fields=["phone"], name="lead_phone"),
            models.Index(fields=["consultation_date"], name="lead_consultation_date"),
            # The GM's month cards and reports: dispatches within a period.
            models.Index(fields=["dispatched_at"], name="lead_dispatched_at"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_name} · {self.community}{self.building}"

    def get_absolute_url(self) -> str:
        return reverse("leads:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def address(self) -> str:
        return f"{self.community} {self.building}".strip()


class LeadEvent(models.Model):
    """One line of a lead's timeline. Every app writes it through leads.services.timeline."""

    class Kind(models.TextChoices):
        INTAKE = "INTAKE", _("Registered")
        VISIT = "VISIT", _("Visit")
        CLAIM = "CLAIM", _("Ownership claim")
        RULING = "RULING", _("Ownership ruling")
        SLIP_FILED = "SLIP_FILED", _("Transfer slip filled")
        SLIP_SIGNED = "SLIP_SIGNED", _("Transfer slip signed")
        DISPATCH = "DISPATCH", _("Dispatched")
        REDISPATCH = "REDISPATCH", _("Re-dispatched")
        DECLINE = "DECLINE", _("Declined by the designer")
        FORCED_DISPATCH = "FORCED_DISPATCH", _("Forced dispatch")
        RETURNED_TO_QUEUE = "RETURNED_TO_QUEUE", _("Returned to the dispatch queue")
        PRIVATE_CONTACT = "PRIVATE_CONTACT", _("Private contact found")
        MEASUREMENT = "MEASUREMENT", _("Site measurement")
        CONTRACT = "CONTRACT", _("Contract signed")
        CLOSURE_PROPOSED = "CLOSURE_PROPOSED", _("Closure proposed")
        CLOSURE_CONFIRMED = "CLOSURE_CONFIRMED", _("Closure confirmed")
        CLOSURE_REJECTED = "CLOSURE_REJECTED", _("Closure rejected")
        REOPENED = "REOPENED", _("Reopened")
        CALLBACK = "CALLBACK", _("Callback")
        COMPLAINT = "COMPLAINT", _("Complaint")
        NOTE = "NOTE", _("Note")

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("lead event")
        verbose_name_plural = _("lead events")
        ordering = ["at", "id"]
        indexes = [
            # The lead page's timeline, in time order.
            models.Index(fields=["lead", "at"], name="leadevent_lead_at"),
            # Reports and dashboards by kind over a period (dispatches, forced dispatches).
            models.Index(fields=["kind", "at"], name="leadevent_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"
