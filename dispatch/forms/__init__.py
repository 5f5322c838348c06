"""Dispatch forms: input shape only; every business check is in rules and services. One module
per page: the dashboard's actions, the designer's decline, the quality gate, the settings, the
boards' filters and the in-place readiness form."""
