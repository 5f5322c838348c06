"""Every state change of the front desk, by topic: `from frontdesk.services import logs`."""
