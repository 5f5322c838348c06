"""Default complaint categories and step deadlines (CMP-5); managers edit both in the admin."""

from django.db import migrations

CATEGORIES = [
    (10, "设计问题"),
    (20, "施工质量"),
    (30, "工期延误"),
    (40, "材料问题"),
    (50, "服务态度"),
    (60, "价格与费用"),
    (70, "售后维修"),
    (90, "其他"),
]

# Hours allowed in each status before the next step is overdue; mirrors
# complaints.rules.DEFAULT_STEP_DEADLINES (copied, since migrations must not import app code).
DEADLINE_HOURS = {"INVESTIGATED": 24, "DECIDED": 72, "HANDLED": 24, "REPLIED": 72}


def create_defaults(apps, schema_editor):
    Category = apps.get_model("complaints", "ComplaintCategory")
    StepDeadline = apps.get_model("complaints", "StepDeadline")
    for position, name in CATEGORIES:
        Category.objects.get_or_create(name=name, defaults={"position": position})
    for status, hours in DEADLINE_HOURS.items():
        StepDeadline.objects.get_or_create(status=status, defaults={"hours": hours})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
