"""Queue a task after the transaction commits, without ever failing the request (SEC-9).

The caller has already written the row the task delivers (the record of truth). If the broker is
down the task is not queued: the failure is logged and a periodic job delivers from the row later.
"""

import logging
from functools import partial

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task: Task, *args, using: str | None = None) -> None:
    """`task.delay(*args)` once the current transaction commits; an error is logged, not raised."""
    transaction.on_commit(partial(enqueue, task, *args), using=using)


def enqueue(task: Task, *args) -> bool:
    """Queue `task` now. False (and a logged error) when the broker refused or could not be reached.

    Any exception is caught, not just kombu's OperationalError: the data is committed, so nothing
    that happens here may turn the response into a 500 (and a retry into a duplicate).
    """
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - see the docstring; the periodic job delivers from the row
        logger.exception(
            "Could not queue %s%r; it stays pending for the periodic job", task.name, args
        )
        return False
    return True
