"""The moved models keep their content types (issue 17): the rows of `frontdesk` become rows of
`reports`, so the permissions hanging from them (view_monthly_report, view_segments, …), the
groups and people that hold them, and the admin's history stay attached. On a new database there
is nothing yet to rename: the content types are created after the migrations."""

from django.db import migrations

MODELS = ("dailysnapshot", "jobrun", "segmentband")


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (a re-run); the old row, if any, is left for the admin
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)
    ContentType.objects.clear_cache()


def forward(apps, schema_editor):
    _move(apps, "frontdesk", "reports")


def backward(apps, schema_editor):
    _move(apps, "reports", "frontdesk")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
