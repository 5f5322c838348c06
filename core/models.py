"""Abstract model bases for the person and time fields many rows repeat (no tables).

A base is applied only where a model's own field was exactly the same (verbose name, on_delete,
related_name, default), so moving a field here changes no migration. An inherited field is placed
before the model's own fields, which only reorders forms and admin pages that list no fields.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UpdatedAt(models.Model):
    """When the row last changed: every save sets it (include it in `update_fields`)."""

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class RecordedBy(models.Model):
    """The member of staff who wrote the row; the row never reaches back from the person."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Recorded(RecordedBy):
    """Who wrote the row and when (now, unless a service gives the moment)."""

    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        abstract = True
