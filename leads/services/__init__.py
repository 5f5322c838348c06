"""Every state change of leads, by topic. Import the module you need, e.g.
`from leads.services import states` or `from leads.services.timeline import record_event`."""
