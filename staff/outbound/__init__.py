"""Outbound notices (issue 16, SEC-9): events the services record in their own transaction (the
outbox), fanned out after commit to webhook subscriptions and 企业微信/钉钉 group robots, and
delivered at least once by Celery with exponential back-off.

- `models`: the event, its deliveries, and the targets (subscriptions, robot channels);
- `rules`: pure parts (signatures, DingTalk's sign, back-off, message text);
- `services`: `record_event` (called inside a service's transaction), fan-out, delivery;
- `tasks`: thin Celery adapters; `admin`: the administrator's pages.
"""
