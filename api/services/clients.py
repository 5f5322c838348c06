"""Integration clients: created with their system user and a first key; keys revoked."""

import secrets

from django.db import transaction
from django.utils import timezone

from staff.models import Department, Staff

from ..models import ClientAPIKey, IntegrationClient


def _system_user(name: str) -> Staff:
    """The client's own Staff row: it registers the client's leads and imports its records,
    so the timeline says where they came from. It cannot log in (inactive, no usable password,
    no roles) and, being inactive, is in no roster, rotation or attendance count."""
    suffix = secrets.token_hex(4)
    user = Staff(
        username=f"api-{suffix}",
        employee_no=f"API-{suffix}",
        name=name[:50],
        department=Department.CUSTOMER_SERVICE,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def create_client(*, client: IntegrationClient, key_name: str = "") -> str:
    """Save a new client with its system user and first key; returns the key (shown once)."""
    client.system_user = _system_user(client.name)
    client.save()
    return issue_key(client=client, name=key_name or f"{client.name} {timezone.localdate()}")


def issue_key(*, client: IntegrationClient, name: str) -> str:
    """A new key for the client; only its hash is stored, so the caller shows it once."""
    _key, raw = ClientAPIKey.objects.create_key(client=client, name=name[:50])
    return raw


@transaction.atomic
def revoke_keys(*, client: IntegrationClient) -> int:
    """Revoke every key of the client (revoking cannot be undone); returns how many."""
    return client.api_keys.filter(revoked=False).update(revoked=True)
