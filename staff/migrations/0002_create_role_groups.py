"""One Django group per role in DOMAIN.md. Permissions are set by staff.roles after migrate."""

from django.db import migrations

ROLE_CODES = [
    "FRONT_DESK",
    "CS_AGENT",
    "CUSTOMER_MANAGER",
    "DESIGNER",
    "DESIGN_MANAGER",
    "STORE_MANAGER",
    "MARKETING_SALES",
    "MARKETING_MANAGER",
    "ENGINEERING",
    "HR",
    "GM",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
