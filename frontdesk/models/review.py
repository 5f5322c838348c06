"""FD-10 每日小结: an agent's end-of-shift review — a few lines on the day, the colleague chosen
as benchmark (标杆) and the plan for tomorrow. One per agent and day; private to the agent, the
supervisor chain and HR (frontdesk.rules.review)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import UpdatedAt


class DailyReview(UpdatedAt):
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="daily_reviews",
    )
    day = models.DateField(_("date"))
    text = models.TextField(_("how the day went"), blank=True)
    plan = models.TextField(_("plan for improvement"), blank=True)
    benchmark = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("benchmark colleague"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("daily review")
        verbose_name_plural = _("daily reviews")
        ordering = ["-day", "agent_id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "day"], name="review_agent_day_unique"),
            models.CheckConstraint(
                condition=~models.Q(benchmark=models.F("agent")), name="review_benchmark_not_self"
            ),
        ]
        indexes = [models.Index(fields=["day"], name="review_day")]

    def __str__(self) -> str:
        return f"{self.agent} · {self.day}"
