"""Import and export of season ranges in the admin (a year of peak and off seasons at once).

A file is all-or-nothing: a bad row (unknown season, last day before the first) is reported with
its row number and the model's own validation message, and nothing is imported.
"""

from import_export import resources

from staff.resources import OfficeColumns

from .models import SeasonPeriod


class SeasonPeriodResource(OfficeColumns, resources.ModelResource):
    template_examples = {"name": "2026年春季旺季", "start": "2026-03-01", "end": "2026-05-31"}

    class Meta:
        model = SeasonPeriod
        fields = ["id", "name", "kind", "start", "end"]
        clean_model_instances = True  # choices and the end-after-start constraint, per row
        skip_unchanged = True
        use_transactions = True
