"""Fixtures for the leads tests: designers of each tier, a signed-slip helper."""

import pytest
from django.utils import translation

from leads.models import SlipSignature, SlipStep
from staff.models import Department, DesignerTier, Role
from tests.factories import StaffFactory


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def make_designer(db):
    def _make(tier: str = DesignerTier.DESIGNER, **fields):
        return StaffFactory(
            roles=[Role.DESIGNER], department=Department.DESIGN, designer_tier=tier, **fields
        )

    return _make


@pytest.fixture
def sign_fully(marketing_manager, store_manager):
    """sign_fully(slip): both signatures on file, as if signed in order."""
    from django.utils import timezone

    def _sign(slip):
        now = timezone.now()
        SlipSignature.objects.create(
            slip=slip, step=SlipStep.MARKETING_MANAGER, signer=marketing_manager, signed_at=now
        )
        SlipSignature.objects.create(
            slip=slip, step=SlipStep.STORE_MANAGER, signer=store_manager, signed_at=now
        )
        return slip

    return _sign
