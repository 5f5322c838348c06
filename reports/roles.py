"""Who may read which report (SEC-1); synced to the role groups after migrate.

- Front-desk tables (RPT-1): the front desk, the customer manager and the GM.
- Customer segments (RPT-4): the customer manager, the marketing manager and the GM.
- The monthly report (RPT-2) and the nightly jobs page (RPT-3): the GM (superusers see and run
  everything).
"""

from staff.models import Role

SEE_TABLES = "reports.view_dailysnapshot"
SEE_MONTHLY = "reports.view_monthly_report"
SEE_SEGMENTS = "reports.view_segments"
SEE_JOBS = "reports.view_jobrun"
RUN_JOBS = "reports.add_jobrun"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.FRONT_DESK: [SEE_TABLES],
    Role.CUSTOMER_MANAGER: [SEE_TABLES, SEE_SEGMENTS],
    Role.MARKETING_MANAGER: [SEE_SEGMENTS],
    Role.GM: [SEE_TABLES, SEE_MONTHLY, SEE_SEGMENTS, SEE_JOBS, "reports.view_segmentband"],
}
