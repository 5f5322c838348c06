"""Customer care after signing (CARE-1..5): the care schedule of a construction contract, the
feedback (宾客意见表) at each care call, the customer's profile (客史档案: preferences, move-in
day, consent), greetings, referrals and their rewards.

Rows only; the workflows are in leads.services.care and leads.services.referrals.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Recorded, UpdatedAt

from ..rules import care as rules
from .lead import Lead
from .lifecycle import Callback, Contract


class CareAnchor(models.TextChoices):
    START = rules.Anchor.START, _("Construction start")
    MIDWAY = rules.Anchor.MIDWAY, _("Mid-way")
    COMPLETION = rules.Anchor.COMPLETION, _("Completion")
    WARRANTY_END = rules.Anchor.WARRANTY_END, _("Warranty end")


class CarePoint(models.Model):
    """CARE-2: one point of the care schedule ("7 days after the start"), editable by managers.
    No active row: the DOMAIN defaults (leads.rules.care.DEFAULT_POINTS)."""

    name = models.CharField(_("name"), max_length=60)
    anchor = models.CharField(_("counted from"), max_length=14, choices=CareAnchor.choices)
    offset_days = models.SmallIntegerField(
        _("days after (negative: before)"), default=0, help_text=_("-30 means 30 days before.")
    )
    question = models.CharField(_("what to ask"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care point")
        verbose_name_plural = _("care points")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class CarePolicy(models.Model):
    """CARE-2/4: how a contract's dates are guessed at signing and which score is low, from
    `effective_from` on. No row: DOMAIN's defaults."""

    effective_from = models.DateField(_("effective from"), unique=True)
    start_after_days = models.PositiveSmallIntegerField(
        _("construction starts (days after signing)"), default=14
    )
    construction_days = models.PositiveSmallIntegerField(_("construction takes (days)"), default=90)
    warranty_months = models.PositiveSmallIntegerField(_("warranty (months)"), default=24)
    low_score = models.PositiveSmallIntegerField(
        _("alert at a score of at most"),
        default=rules.DEFAULT_LOW_SCORE,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    call_hour = models.PositiveSmallIntegerField(
        _("care calls due at (hour)"), default=10, validators=[MaxValueValidator(23)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care policy")
        verbose_name_plural = _("care policies")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return _("Care policy from %(day)s") % {"day": self.effective_from}


class CarePlanStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Active")
    CANCELLED = "CANCELLED", _("Cancelled (refund)")


class CarePlan(models.Model):
    """CARE-2: the care schedule of one construction contract, with the dates it is counted from.
    Changing the dates moves the open care calls; a refund cancels them."""

    contract = models.OneToOneField(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="care_plan"
    )
    starts_on = models.DateField(_("construction starts"))
    completes_on = models.DateField(_("completion"))
    warranty_ends_on = models.DateField(_("warranty ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=CarePlanStatus.choices, default=CarePlanStatus.ACTIVE
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completes_on__gte=models.F("starts_on"))
                & Q(warranty_ends_on__gte=models.F("completes_on")),
                name="careplan_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} · {self.get_status_display()}"

    @property
    def dates(self) -> rules.ContractDates:
        return rules.ContractDates(self.starts_on, self.completes_on, self.warranty_ends_on)


class CareCall(models.Model):
    """One care call of a plan: the callback (回访, kind CARE) at one point of the schedule."""

    plan = models.ForeignKey(
        CarePlan, verbose_name=_("care plan"), on_delete=models.CASCADE, related_name="calls"
    )
    callback = models.OneToOneField(
        Callback, verbose_name=_("callback"), on_delete=models.CASCADE, related_name="care_call"
    )
    point_key = models.CharField(_("care point"), max_length=40)
    point_name = models.CharField(_("care point"), max_length=60)
    anchor = models.CharField(_("counted from"), max_length=14, choices=CareAnchor.choices)
    offset_days = models.SmallIntegerField(_("days after"), default=0)

    class Meta:
        verbose_name = _("care call")
        verbose_name_plural = _("care calls")
        ordering = ["callback__due_at", "id"]
        constraints = [
            # A plan calls once per point, however often the schedule is rebuilt.
            models.UniqueConstraint(fields=["plan", "point_key"], name="carecall_once_per_point"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.contract.number} · {self.point_name}"

    @property
    def point(self) -> rules.Point:
        return rules.Point(self.point_key, rules.Anchor(self.anchor), self.offset_days)


class CareFeedback(Recorded):
    """CARE-4 宾客意见表: satisfaction (1–5) and comments at a care call; a low score alerts the
    customer manager and may become a complaint (the complaint reaches it as `care_feedback`)."""

    care_call = models.OneToOneField(
        CareCall, verbose_name=_("care call"), on_delete=models.CASCADE, related_name="feedback"
    )
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="care_feedback"
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_feedback",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)
    is_low = models.BooleanField(_("low score"), default=False)
    # Up by string: complaints import leads, never the reverse (ARCHITECTURE).
    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="care_feedback",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care feedback")
        verbose_name_plural = _("care feedback")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1) & Q(satisfaction__lte=5),
                name="carefeedback_score_1_to_5",
            ),
        ]
        indexes = [
            # The quality gate (QG-1): a designer's scores over a window.
            models.Index(fields=["designer", "recorded_at"], name="carefeedback_designer_at"),
        ]

    def __str__(self) -> str:
        return f"{self.lead} · {self.satisfaction}/5"


class Consent(models.TextChoices):
    UNKNOWN = rules.Consent.UNKNOWN, _("Not asked")
    GRANTED = rules.Consent.GRANTED, _("Agreed to greetings")
    DECLINED = rules.Consent.DECLINED, _("Declined contact")


class CustomerProfile(UpdatedAt):
    """CARE-1 客史档案: what anyone serving the customer (one phone number) may record; CARE-3
    the move-in day and the consent to greetings, with its date."""

    phone = models.CharField(_("phone"), max_length=24, unique=True)
    style = models.CharField(_("preferred style"), max_length=100, blank=True)
    family = models.CharField(_("family"), max_length=200, blank=True)
    best_time = models.CharField(_("best time to call"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    moved_in_on = models.DateField(_("moved in on"), null=True, blank=True)
    consent = models.CharField(
        _("greetings"), max_length=10, choices=Consent.choices, default=Consent.UNKNOWN
    )
    consent_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("customer profile")
        verbose_name_plural = _("customer profiles")

    def __str__(self) -> str:
        return self.phone


class Occasion(models.TextChoices):
    FESTIVAL = "FESTIVAL", _("Festival")
    ANNIVERSARY = "ANNIVERSARY", _("Move-in anniversary")


class Greeting(models.Model):
    """CARE-3: one customer on the greeting list of a day; the nightly job writes each once."""

    day = models.DateField(_("day"))
    occasion = models.CharField(_("occasion"), max_length=12, choices=Occasion.choices)
    label = models.CharField(_("occasion"), max_length=60)
    phone = models.CharField(_("phone"), max_length=24)
    customer_name = models.CharField(_("customer name"), max_length=50)
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="greetings"
    )
    done_at = models.DateTimeField(_("greeted at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("greeted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("greeting")
        verbose_name_plural = _("greetings")
        ordering = ["day", "customer_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "occasion", "phone"], name="greeting_once_per_day_occasion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.label} · {self.customer_name}"


class RewardKind(models.TextChoices):
    AMOUNT = "AMOUNT", _("Amount")
    GIFT = "GIFT", _("Gift")


class ReferralRewardPolicy(models.Model):
    """CARE-5: the reward a referrer earns when a referred lead signs, from `effective_from` on."""

    effective_from = models.DateField(_("effective from"), unique=True)
    kind = models.CharField(_("reward"), max_length=8, choices=RewardKind.choices)
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    gift = models.CharField(_("gift"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral reward policy")
        verbose_name_plural = _("referral reward policies")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.gift or f"¥{self.amount}"


class Referral(Recorded):
    """CARE-5 老客户介绍: the referring customer named on a referred lead (chosen by phone)."""

    lead = models.OneToOneField(
        Lead, verbose_name=_("referred lead"), on_delete=models.CASCADE, related_name="referral"
    )
    referrer_phone = models.CharField(_("referrer's phone"), max_length=24, db_index=True)
    referrer_name = models.CharField(_("referrer"), max_length=50)
    referrer_lead = models.ForeignKey(
        Lead,
        verbose_name=_("referrer's lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_made",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.referrer_name} → {self.lead}"


class ReferralReward(models.Model):
    """CARE-5: the reward recorded once per referred contract (the unique key holds the race)."""

    contract = models.OneToOneField(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="referral_reward",
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="rewards"
    )
    kind = models.CharField(_("reward"), max_length=8, choices=RewardKind.choices)
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    gift = models.CharField(_("gift"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral reward")
        verbose_name_plural = _("referral rewards")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.referral.referrer_name} · {self.contract.number}"
