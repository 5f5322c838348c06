"""SEC-9: a notification records its e-mail (the outbox), with an index of the pending ones."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0005_exportrecord"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="email_attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="e-mail attempts"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_error",
            field=models.CharField(blank=True, max_length=200, verbose_name="e-mail error"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Not by e-mail"),
                    ("PENDING", "E-mail pending"),
                    ("SENT", "E-mailed"),
                    ("FAILED", "E-mail failed"),
                ],
                default="",
                max_length=10,
                verbose_name="e-mail",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="emailed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="e-mailed at"),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("email_status", "PENDING")),
                fields=["created_at"],
                name="notification_email_pending",
            ),
        ),
    ]
