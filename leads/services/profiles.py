"""The customer's profile (客史档案, CARE-1/3): preferences anyone serving the customer records,
the move-in day, and the consent to greetings with the date it was given or withdrawn."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from staff.models import Staff

from ..models import CustomerProfile


@transaction.atomic
def save_profile(
    *,
    phone: str,
    by: Staff,
    style: str = "",
    family: str = "",
    best_time: str = "",
    notes: str = "",
    moved_in_on: date | None = None,
    consent: str = "UNKNOWN",
) -> CustomerProfile:
    """One profile per phone; a change of consent is dated (CARE-3)."""
    # Race: two people saving the same new customer's profile; the unique phone holds it and
    # the lock makes the second one update the first one's row.
    profile, _created = CustomerProfile.objects.select_for_update().get_or_create(phone=phone)
    if profile.consent != consent:
        profile.consent, profile.consent_on = consent, timezone.localdate()
    profile.style, profile.family, profile.best_time = style, family, best_time
    profile.notes, profile.moved_in_on, profile.updated_by = notes, moved_in_on, by
    profile._history_user = by
    profile.save()
    return profile
