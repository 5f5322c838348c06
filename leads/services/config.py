"""The configuration rows in force on a day, as the rules' config objects (LEAD-4, ATTR-3/4/6).

No row yet (a fresh database before the data migration): the DOMAIN defaults.
"""

from datetime import date

from ..models import ClaimPolicy, SizeThreshold
from ..rules.claims import ClaimBasis, ClaimConfig
from ..rules.commission import PrivateContactScope
from ..rules.intake import SizeThresholds


def size_thresholds_on(day: date) -> SizeThresholds:
    row = SizeThreshold.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        return SizeThresholds()
    return SizeThresholds(medium_from=row.medium_from, large_from=row.large_from)


def claim_config_on(day: date) -> ClaimConfig:
    row = ClaimPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return claim_config_from(row)


def private_contact_scope_on(day: date) -> PrivateContactScope:
    """ATTR-6: what a private-contact finding voids under the policy in force on that day."""
    row = ClaimPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        return PrivateContactScope.WHOLE_ORDER
    return PrivateContactScope(row.private_contact_void_scope)


def claim_config_from(row: ClaimPolicy | None) -> ClaimConfig:
    """The rules' view of a claim policy row (the defaults when none is in force)."""
    if row is None:
        return ClaimConfig()
    ranking = tuple(ClaimBasis(code) for code, _rank in sorted(row.ranks.items(), key=_by_rank))
    return ClaimConfig(ranking=ranking, archive_backdate_days=row.archive_backdate_days)


def _by_rank(item: tuple[str, int]) -> int:
    return item[1]
