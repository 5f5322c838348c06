"""The DOMAIN defaults as the first configuration rows (LEAD-4, ATTR-3, ATTR-4)."""

import datetime
from decimal import Decimal

from django.db import migrations

START = datetime.date(2020, 1, 1)


def create_defaults(apps, schema_editor):
    SizeThreshold = apps.get_model("leads", "SizeThreshold")
    ClaimPolicy = apps.get_model("leads", "ClaimPolicy")
    SizeThreshold.objects.get_or_create(
        effective_from=START,
        defaults={"medium_from": Decimal(30000), "large_from": Decimal(50000), "note": "DOMAIN LEAD-4"},
    )
    ClaimPolicy.objects.get_or_create(effective_from=START, defaults={"note": "DOMAIN ATTR-3/4"})


class Migration(migrations.Migration):
    dependencies = [("leads", "0003_ownership_filing_phone_lists_config")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
