"""Pure decisions of the front desk (no ORM, no clock), by topic."""
