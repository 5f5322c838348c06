"""The DOMAIN defaults for customer care as the first rows (CARE-2, CARE-4, CARE-5): the care
points of a construction contract, the care policy, and a referral reward (editable in the admin).
Point names are the firm's own labels (Chinese, like the complaint categories)."""

import datetime
from decimal import Decimal

from django.db import migrations

START = datetime.date(2020, 1, 1)

POINTS = [
    ("开工后 7 天", "START", 7, "开工顺利吗？工人准时、工地整洁吗？"),
    ("施工中期", "MIDWAY", 0, "中期验收前，对进度和质量满意吗？"),
    ("竣工", "COMPLETION", 0, "竣工验收是否满意？有没有需要整改的地方？"),
    ("竣工后 1 个月", "COMPLETION", 30, "入住后使用情况如何？有没有问题需要维修？"),
    ("保修到期前 30 天", "WARRANTY_END", -30, "保修即将到期，有没有需要在保修期内处理的问题？"),
]


def create_defaults(apps, schema_editor):
    CarePoint = apps.get_model("leads", "CarePoint")
    CarePolicy = apps.get_model("leads", "CarePolicy")
    ReferralRewardPolicy = apps.get_model("leads", "ReferralRewardPolicy")
    if not CarePoint.objects.exists():
        for position, (name, anchor, offset, question) in enumerate(POINTS, start=1):
            CarePoint.objects.create(
                name=name, anchor=anchor, offset_days=offset, question=question, position=position
            )
    CarePolicy.objects.get_or_create(effective_from=START)
    ReferralRewardPolicy.objects.get_or_create(
        effective_from=START, defaults={"kind": "AMOUNT", "amount": Decimal(500)}
    )


class Migration(migrations.Migration):
    dependencies = [("leads", "0012_care")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
