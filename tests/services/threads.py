"""Races on purpose: start jobs at the same instant, each in its own thread and database
connection, so the locks under test are really contended (the service suite's one helper)."""

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from django.db import connection


def run_together(
    jobs: Sequence[Callable[[], object]],
    *,
    around: Callable[[], AbstractContextManager] = nullcontext,
    timeout: float = 60,
) -> list:
    """Each job's result, or the exception it raised, in the jobs' order. `around` wraps each
    job in its thread (a frozen clock, a language), since neither crosses threads."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            with around():
                results[index] = job()
        except BaseException as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def errors_of(target: Callable[[int], object], count: int) -> list[BaseException]:
    """Run target(0) … target(count - 1) together; the exceptions they raised."""
    results = run_together([lambda i=i: target(i) for i in range(count)])
    return [result for result in results if isinstance(result, BaseException)]
