"""Excel exports of the front desk's own pages. The report exports (RPT-1, RPT-2) moved to
`reports/exports.py` with the report pages (issue 17)."""
