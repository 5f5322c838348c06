"""The benchmark harness (issue 10): `make bench` / `manage.py bench`."""
