"""The nightly job runner (RPT-3): `from reports.services import jobs`."""
