"""Volume data for the benchmark (issue 10): `seed_volume` builds it, `bench` measures on it."""
