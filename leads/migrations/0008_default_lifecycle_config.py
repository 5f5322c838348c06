"""The DOMAIN defaults as the first rows: commission per role (COM-1) and callback delays (CB-1).

Customer manager 50 per contract signed by the design department; front desk 10 per
construction contract. Salesperson and designer amounts are set by the firm (no default row:
they earn nothing until HR or the GM adds one in the admin).
"""

import datetime
from decimal import Decimal

from django.db import migrations

START = datetime.date(2020, 1, 1)


def create_defaults(apps, schema_editor):
    CommissionRule = apps.get_model("leads", "CommissionRule")
    CallbackPolicy = apps.get_model("leads", "CallbackPolicy")
    CommissionRule.objects.get_or_create(
        role="CUSTOMER_MANAGER",
        contract_type="",
        valid_from=START,
        defaults={
            "amount": Decimal(50),
            "requires_design_department": True,
            "note": "DOMAIN COM-1",
        },
    )
    CommissionRule.objects.get_or_create(
        role="FRONT_DESK",
        contract_type="CONSTRUCTION",
        valid_from=START,
        defaults={"amount": Decimal(10), "note": "DOMAIN COM-1"},
    )
    CallbackPolicy.objects.get_or_create(effective_from=START, defaults={"note": "DOMAIN CB-1"})


class Migration(migrations.Migration):
    dependencies = [("leads", "0007_lead_event_callback")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
