from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Tooling, not product: `seed_volume` and `bench` exist only where DJANGO_BENCH=1 installs
    this app (`make bench`, `make seed-volume`, the tests that call the commands). No models."""

    name = "bench"
    verbose_name = "Benchmark and volume data (tooling)"
