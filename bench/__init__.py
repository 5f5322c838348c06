"""Tooling, not product (issue 10, moved out of frontdesk in issue 17): the volume generator
(`seed_volume`), the benchmark (`make bench`) and the architecture figures (`make figures`).
Installed as a Django app only when DJANGO_BENCH=1; no app of the product imports it."""
