"""The report tables in the admin: the segment bands managers edit (RPT-4), and the snapshots
and job runs the nightly runner writes (RPT-3, read-only)."""

from django.contrib import admin

from .models import DailySnapshot, JobRun, SegmentBand


@admin.register(SegmentBand)
class SegmentBandAdmin(admin.ModelAdmin):
    """RPT-4: the area and budget bands of the customer segments."""

    list_display = ["kind", "label", "low", "high", "order"]
    list_filter = ["kind"]
    list_editable = ["low", "high", "order"]


@admin.register(DailySnapshot)
class DailySnapshotAdmin(admin.ModelAdmin):
    """RPT-3: written by the nightly job only."""

    list_display = ["day", "leads", "walk_ins", "calls", "dispatches", "signings", "closures"]
    date_hierarchy = "day"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """RPT-3: the record of the nightly runs (read-only)."""

    list_display = ["job", "for_date", "started_at", "finished_at", "outcome"]
    list_filter = ["job", "outcome"]
    date_hierarchy = "for_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
