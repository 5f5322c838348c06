"""The DOMAIN defaults as rows managers can see and change: caps 2/day, 6/week, season 2 off /
4 peak, champion +1/+2/+1 (DISP-3, DISP-4), and SMALL → DESIGNER, DEPUTY_DIRECTOR; MEDIUM →
DIRECTOR; LARGE → CHIEF (DISP-1)."""

import datetime

from django.db import migrations

DEFAULT_TIERS = [
    ("SMALL", "DESIGNER"),
    ("SMALL", "DEPUTY_DIRECTOR"),
    ("MEDIUM", "DIRECTOR"),
    ("LARGE", "CHIEF"),
]


def create_defaults(apps, schema_editor):
    CapacityRule = apps.get_model("dispatch", "CapacityRule")
    TierRule = apps.get_model("dispatch", "TierRule")
    if not CapacityRule.objects.exists():
        CapacityRule.objects.create(
            effective_from=datetime.date(2020, 1, 1), note="DOMAIN defaults (DISP-3, DISP-4)"
        )
    if not TierRule.objects.exists():
        TierRule.objects.bulk_create(
            TierRule(size_class=size, tier=tier) for size, tier in DEFAULT_TIERS
        )


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0001_config_and_assignments")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
